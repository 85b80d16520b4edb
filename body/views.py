"""The preview page: the public article template, behind a signed link."""

from django.http import Http404
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles import stories
from articles.views import story_response
from body.preview import grant_for


@require_safe
def preview(request, token):
    grant = grant_for(token)
    if grant is None:
        raise Http404("This preview link is not valid or has expired.")
    story = stories.live(grant.article_id, get_language(), with_related=False)
    response = story_response(request, grant.article, story, {}, preview=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is the key: never sent on to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response
