"""The story body's part of each revision: kept, compared and restored with the
article's fields (registered with ``articles.revisions`` in ready())."""

from body.document import body_diff


class BodyPart:
    template = "admin/body/diff.html"

    def snapshot(self, article) -> list[dict]:
        return [block.snapshot() for block in article.story_blocks.order_by("position")]

    def restore(self, article, value: list[dict], user) -> None:
        """Put the body back as the revision kept it (called inside the restore's
        transaction, after its version check); the images and tables it names must
        still exist, or that block comes back without them."""
        from body.editing import replace_body

        replace_body(article, value, user)

    def diff(self, old: list[dict], new: list[dict]):
        return body_diff(old, new)
