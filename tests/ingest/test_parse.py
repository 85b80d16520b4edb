"""Feed parsing and story prints: pure functions, no database, no network."""

from datetime import UTC, datetime

import pytest

from cleaning.reprints import same_story, story_prints
from ingest.demo import STORIES, json_feed, page, rss
from ingest.parse import ParseError, canonical_url, parse

WHEN = datetime(2026, 11, 3, 8, 30, tzinfo=UTC)


def test_rss_entries_keep_link_guid_author_and_time():
    data = rss([{"title": "标题一", "link": "https://a.example/1", "guid": "g-1",
                 "author": "林晓", "published": WHEN}]).encode()
    (entry,) = parse(data, "rss", "https://a.example/rss").entries
    assert (entry.guid, entry.url, entry.title, entry.author) == (
        "g-1", "https://a.example/1", "标题一", "林晓")
    assert entry.published == WHEN


def test_atom_with_relative_links_and_content():
    data = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:feed</id>
<updated>2026-11-03T08:30:00Z</updated>
<entry><title>Atom item</title><id>urn:item:1</id><link href="/posts/1"/>
<author><name>Zhou</name></author><updated>2026-11-03T08:30:00Z</updated>
<content type="html">&lt;p&gt;Hello&lt;/p&gt;</content></entry></feed>"""
    (entry,) = parse(data, "atom", "https://b.example/feed.atom").entries
    assert entry.url == "https://b.example/posts/1"
    assert entry.guid == "urn:item:1" and entry.author == "Zhou"
    assert "<p>Hello</p>" in entry.content
    assert entry.published == WHEN


def test_rss_in_gbk_is_decoded_from_its_declaration():
    data = ('<?xml version="1.0" encoding="gbk"?><rss version="2.0"><channel><title>旧站</title>'
            "<item><title>国产处理器</title><link>https://c.example/1</link></item>"
            "</channel></rss>").encode("gbk")
    (entry,) = parse(data, "rss").entries
    assert entry.title == "国产处理器"
    assert entry.guid == "https://c.example/1"  # no guid: the canonical URL stands in


def test_json_feed_html_and_text_content():
    data = json_feed([{"title": "一", "link": "https://d.example/1", "guid": "1",
                       "author": "陈思", "published": WHEN, "content": "<p>x</p>"}]).encode()
    (entry,) = parse(data, "json").entries
    assert (entry.guid, entry.author, entry.content, entry.published) == ("1", "陈思",
                                                                         "<p>x</p>", WHEN)
    text_feed = (b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": "2", '
                 b'"url": "https://d.example/2", "content_text": "a <b>\\nsecond"}]}')
    (entry,) = parse(text_feed, "json").entries
    assert entry.content == "<p>a &lt;b&gt;</p>\n<p>second</p>\n"


def test_sitemap_google_news_and_index():
    urlset = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://e.example/a.html</loc><news:news><news:publication><news:name>E</news:name>
<news:language>zh</news:language></news:publication>
<news:publication_date>2026-11-03T08:30:00Z</news:publication_date>
<news:title>新闻标题</news:title></news:news></url>
<url><loc>https://e.example/b.html?utm_source=x</loc><lastmod>2026-11-02</lastmod></url>
</urlset>""".encode()
    a, b = parse(urlset, "sitemap").entries
    assert (a.title, a.published) == ("新闻标题", WHEN)
    assert b.guid == "https://e.example/b.html"
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/news-1.xml</loc></sitemap><sitemap><loc>/news-2.xml</loc></sitemap>
</sitemapindex>"""
    parsed = parse(index, "sitemap", "https://e.example/sitemap.xml")
    assert parsed.sitemaps == ("https://e.example/news-1.xml", "https://e.example/news-2.xml")
    assert parsed.entries == ()


@pytest.mark.parametrize("kind, data", [
    ("rss", b"<<<this is not xml at all"),
    ("sitemap", b"<urlset><url><loc>https://x.example/</loc></url"),
    ("sitemap", b"<html><body>not a sitemap</body></html>"),
    ("json", b"{not json"),
    ("json", b'{"items": []}'),
    ("rss", b"   "),
])
def test_malformed_documents_are_refused_with_a_reason(kind, data):
    with pytest.raises(ParseError):
        parse(data, kind)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title><item><title>&d;</title>
<link>https://x.example/1</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>"""


@pytest.mark.parametrize("kind, data", [("rss", BOMB), ("sitemap", XXE), ("atom", XXE)])
def test_entity_declarations_are_refused(kind, data):
    with pytest.raises(ParseError, match="entit"):
        parse(data, kind)


def test_canonical_url():
    assert canonical_url("HTTPS://News.Example:443/a?utm_source=x&b=2&a=1#top") == (
        "https://news.example/a?a=1&b=2")
    assert canonical_url("http://news.example:8080") == "http://news.example:8080/"


def test_a_republished_story_has_the_same_prints_as_the_original():
    original = page(STORIES[0].title, STORIES[0].paragraphs, outlet="甲", author="林晓")
    copy = page("转载:" + STORIES[0].title, STORIES[0].paragraphs, outlet="乙",
                extra="<p>免责声明:本文转载自其他媒体,仅供参考,不代表本站观点。</p>")
    other = page(STORIES[1].title, STORIES[1].paragraphs, outlet="甲")
    ours, theirs = story_prints(copy, "html"), story_prints(original, "html")
    assert len(theirs) >= 4
    assert same_story(ours, theirs)
    assert not same_story(story_prints(other, "html"), theirs)
    # A lightly edited copy (a changed date, a punctuation mark) still matches.
    edited = [p.replace("今年下半年", "今年第三季度").replace("。", ".", 1)
              for p in STORIES[0].paragraphs]
    assert same_story(story_prints("\n".join(edited)), theirs)


def test_a_shared_paragraph_or_two_is_not_the_same_story():
    quote = "郑重声明:本文仅代表作者观点,不构成任何投资建议,转载请注明出处和作者。"
    one = story_prints("\n".join((*STORIES[0].paragraphs, quote)))
    other = story_prints("\n".join((*STORIES[1].paragraphs, quote)))
    shared_only = [fp for fp in other if fp in set(one)]  # what a band lookup returns
    assert len(shared_only) == 1
    assert not same_story(one, shared_only) and not same_story(one, other)
    assert same_story(shared_only, one)  # a one-block text that is that block
