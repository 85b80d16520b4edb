"""Editing tables in the admin as a grid, confirming them, and who may do what."""

import re

import pytest
from django.urls import reverse

from datatables.models import DataTable

pytestmark = pytest.mark.django_db


def change_url(table):
    return reverse("admin:datatables_datatable_change", args=[table.pk])


def grid_post(table, **overrides):
    """The POST the change form makes without JavaScript, as rendered for ``table``."""
    data = {"title": table.title, "caption": table.caption, "source_note": table.source_note,
            "notes": table.notes, "article": "", "position": "",
            "grid-rows": str(len(table.rows)), "grid-cols": str(len(table.columns)),
            "grid-add-rows": "0", "grid-add-cols": "0", "base_version": str(table.version)}
    for j, column in enumerate(table.columns):
        data[f"grid-col-{j}-name"] = column["name"]
        data[f"grid-col-{j}-type"] = column["type"]
        data[f"grid-col-{j}-order"] = str(j)
    for i, row in enumerate(table.rows):
        data[f"grid-row-{i}-order"] = str(i)
        for j, cell in enumerate(row):
            data[f"grid-{i}-{j}"] = cell
    data.update(overrides)
    return data


def test_change_form_renders_a_grid_of_inputs_not_json(editor_client, make_table):
    table = make_table()
    html = editor_client.get(change_url(table)).content.decode()
    assert 'name="grid-1-1" value="2.5万元"' in html
    assert 'name="grid-col-2-type"' in html and '<option value="percent" selected>' in html
    assert re.search(r"datatables/grid\.(\w+\.)?js", html)
    assert '"columns"' not in html and "[[" not in html


def test_grid_edit_cells_types_delete_reorder_and_add(editor_client, make_table):
    table = make_table()
    data = grid_post(table, **{
        "grid-0-0": "百度公司",                # edit a cell
        "grid-col-1-type": "text",             # set a column type
        "grid-row-2-delete": "on",             # remove a row
        "grid-row-0-order": "5",               # move the first row last
        "grid-col-2-order": "-1",              # move the last column first
        "grid-add-rows": "1", "grid-add-cols": "1",
    })
    response = editor_client.post(change_url(table), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    table.refresh_from_db()
    assert table.columns == [{"name": "占比", "type": "percent"}, {"name": "公司", "type": "text"},
                             {"name": "融资额", "type": "text"}, {"name": "", "type": "text"}]
    assert table.rows == [["36.25%", "腾讯", "2.5万元", ""], ["18%", "百度公司", "250亿美元", ""],
                          ["", "", "", ""]]
    assert table.edited_at is not None and table.status == "draft"


def test_grid_with_a_bad_type_is_refused_and_nothing_changes(editor_client, make_table):
    table = make_table()
    response = editor_client.post(change_url(table), grid_post(table, **{
        "grid-col-0-type": "nonsense", "grid-0-0": "changed"}))
    assert response.status_code == 200
    assert "第 1 列的类型“nonsense”未知" in response.content.decode()
    table.refresh_from_db()
    assert table.rows[0][0] == "百度"


def test_a_nul_in_a_cell_is_refused_on_the_form(editor_client, make_table):
    """PostgreSQL's jsonb refuses \u0000, so the save was a 500 there."""
    table = make_table()
    response = editor_client.post(change_url(table), grid_post(table, **{
        "grid-0-0": "百\x00度"}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "A cell in row 1 holds a NUL character" in response.content.decode()
    table.refresh_from_db()
    assert table.rows[0][0] == "百度"


def test_save_and_confirm(editor_client, make_table):
    table = make_table()
    response = editor_client.post(change_url(table), grid_post(table, _confirm="1"))
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.status == "confirmed" and table.confirmed_by.username == "editor"


def test_staff_without_permissions_get_403(staff_client, make_table):
    table = make_table()
    urls = [
        reverse("admin:datatables_datatable_changelist"),
        change_url(table),
        reverse("admin:datatables_datatable_import"),
        reverse("admin:datatables_datatable_replace", args=[table.pk]),
        reverse("admin:datatables_datatable_export", args=[table.pk, "csv"]),
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 403, url
    assert staff_client.post(change_url(table), grid_post(table, **{"grid-0-0": "x"})
                             ).status_code == 403
    table.refresh_from_db()
    assert table.rows[0][0] == "百度"


def test_changing_is_not_confirming(changer_client, make_table):
    table = make_table()
    html = changer_client.get(change_url(table)).content.decode()
    assert 'name="_confirm"' not in html
    response = changer_client.post(change_url(table), grid_post(table, _confirm="1"))
    assert response.status_code == 403
    table.refresh_from_db()
    assert table.status == "draft"
    response = changer_client.post(reverse("admin:datatables_datatable_changelist"), {
        "action": "confirm_tables", "_selected_action": [table.pk]})
    table.refresh_from_db()
    assert table.status == "draft"
    response = changer_client.post(change_url(table), grid_post(table, **{"grid-0-0": "百度云"}))
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.rows[0][0] == "百度云"


def test_confirm_action(editor_client, make_table):
    tables = [make_table(), make_table()]
    editor_client.post(reverse("admin:datatables_datatable_changelist"), {
        "action": "confirm_tables", "_selected_action": [t.pk for t in tables]})
    assert set(DataTable.objects.values_list("status", flat=True)) == {"confirmed"}


def test_reconstructed_draft_can_be_edited_and_confirmed(editor_client, seed_tables):
    table = seed_tables[1]
    html = editor_client.get(change_url(table), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the reconstruction was unsure about" in html
    data = grid_post(table, **{"grid-0-1": "12", "_confirm": "1"})
    del data["article"], data["position"]  # read-only on a reconstructed table
    response = editor_client.post(change_url(table), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    table.refresh_from_db()
    assert table.rows[0][1] == "12" and table.status == "confirmed"
    assert table.article_id is not None and table.position is not None


def test_add_a_table_by_hand_without_javascript(editor_client):
    url = reverse("admin:datatables_datatable_add")
    html = editor_client.get(url).content.decode()
    assert 'name="grid-add-rows"' in html
    response = editor_client.post(url, {
        "title": "手工表", "caption": "", "source_note": "", "notes": "", "article": "",
        "position": "", "grid-rows": "0", "grid-cols": "0", "grid-add-rows": "2",
        "grid-add-cols": "3"})
    assert response.status_code == 302
    table = DataTable.objects.get()
    assert table.origin == "manual" and len(table.columns) == 3 and table.rows == [[""] * 3] * 2


def test_a_save_over_someone_elses_is_refused_and_keeps_theirs(editor_client, make_table):
    """Two editors open one table; the second save put back every cell the first had
    changed (no lock, last write wins). It is now refused with a message, as the article
    and story forms are, and the first editor's cells stay."""
    table = make_table()
    first = grid_post(table, **{"grid-0-0": "甲改的"})
    second = grid_post(table, **{"grid-1-0": "乙改的"})
    assert editor_client.post(change_url(table), first).status_code == 302
    response = editor_client.post(change_url(table), second, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else saved this table while you were editing it" in (
        response.content.decode())
    table.refresh_from_db()
    assert table.rows[0][0] == "甲改的" and table.rows[1][0] == "腾讯"
    # Opened again, the form carries the new version, and saving goes through.
    again = grid_post(table, **{"grid-1-0": "乙改的"})
    assert editor_client.post(change_url(table), again).status_code == 302
    table.refresh_from_db()
    assert [row[0] for row in table.rows] == ["甲改的", "乙改的", "阿里巴巴"]


def test_view_on_site_only_for_public_tables(editor_client, make_table):
    draft, confirmed = make_table(), make_table(status="confirmed")
    assert reverse("datatables:detail", args=[draft.pk]) not in editor_client.get(
        change_url(draft)).content.decode()
    assert reverse("datatables:detail", args=[confirmed.pk]) in editor_client.get(
        change_url(confirmed)).content.decode()
