"""Which language a page speaks: Thai first, English on request, chosen by a cookie.

The msgids are the Thai text itself (the UI was written in Thai and stays readable in the
source); ``locale/en/LC_MESSAGES/damrong.po`` translates them. The locale comes only from the
``damrong_locale`` cookie the header's switch sets, never from Accept-Language: the offices'
browsers are often English while their staff read Thai.
"""

import logging
import os
from dataclasses import dataclass

from translationstring import TranslationString, TranslationStringFactory

from .thai.digits import format_number

_ = TranslationStringFactory("damrong")

LOCALES = ("th", "en")
DEFAULT_LOCALE = "th"
LOCALE_COOKIE = "damrong_locale"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plural:
    """A message about a number of things: Thai has one form, English two ("1 page", "2
    pages"), so the catalog keeps a msgid_plural and ``Display.count`` picks the form."""

    singular: str
    plural: str


def ngettext(singular, plural):
    """Marks a ``Plural`` for extraction (lingua knows ``ngettext`` as singular, plural)."""
    return Plural(singular, plural)


class MessageError(Exception):
    """An error whose ``message`` is shown to the user: a ``_()`` string, translated (and its
    mapping filled in) where it is shown, because the code that raises it has no request."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def thai_text(message):
    """A message as Thai text where there is no reader to translate it for (a reason file
    written beside a refused scan): the msgids are the Thai text, numbers in Thai digits."""
    if not isinstance(message, TranslationString):
        return str(message)
    mapping = {key: format_number(value) if isinstance(value, int) and not isinstance(value, bool)
               else value for key, value in (message.mapping or {}).items()}
    return TranslationString(message, mapping=mapping).interpolate()


def includeme(config):
    config.add_translation_dirs("damrong:locale/")
    config.set_locale_negotiator(locale_from_cookie)
    warn_missing_catalogs(LOCALE_DIR)


def locale_from_cookie(request):
    """The cookie's locale if it is one we speak, else ``None``: the default locale."""
    chosen = request.cookies.get(LOCALE_COOKIE)
    return chosen if chosen in LOCALES else None


def warn_missing_catalogs(locale_dir):
    """A .po without a fresh .mo means untranslated pages: say so rather than refuse to start.

    The .mo files are built by ``make`` and not kept in git, so a checkout that skipped make
    would otherwise silently show Thai to users who chose English.
    """
    for language in os.listdir(locale_dir):
        messages = os.path.join(locale_dir, language, "LC_MESSAGES")
        if not os.path.isdir(messages):
            continue
        for name in os.listdir(messages):
            if not name.endswith(".po"):
                continue
            po = os.path.join(messages, name)
            mo = po[:-3] + ".mo"
            if not os.path.exists(mo) or os.path.getmtime(mo) < os.path.getmtime(po):
                log.warning("%s is missing or older than its .po: run `make` to compile the "
                            "translations; until then %s pages show the Thai text", mo, language)
