// Never loaded: makemessages reads it. Django's own zh_Hans JavaScript catalogue lacks
// these strings of the admin's SelectFilter2.js (the two-box widget on the user and
// group permission pages), so ours carries them; admin:jsi18n merges LOCALE_PATHS'
// djangojs catalogues into the admin's. desk/site.py does the same for django.po.
gettext_noop("Choose all %s");
gettext_noop("Choose selected %s");
gettext_noop("Remove selected %s");
gettext_noop("Remove all %s");
gettext_noop("(click to clear)");
