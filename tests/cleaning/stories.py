"""A short story written for the checker's tests, shared by the tests that put chrome,
notices or odd lines around it."""

PARAGRAPHS = [
    "河湾市交通局近日公布，今年全市共享单车投放量已经超过二十万辆，比去年翻了一番，"
    "市民骑行出行的比例明显上升。",
    "交通局负责人介绍，共享单车企业今年在地铁站周边新增了大量停车点，市民出地铁后可以"
    "直接骑行回家。",
    "不少市民表示，共享单车让短途出行方便了许多，停车点也比以前好找。",
    "交通局还计划明年在城西新建骑行专用道，连接主要地铁站和商业区。",
]
