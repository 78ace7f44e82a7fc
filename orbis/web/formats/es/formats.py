"""The named date formats in this language: the site's family (see orbis/web/formats)."""

from orbis.web.formats import family

(
    DATE_FORMAT,
    SHORT_DATE_FORMAT,
    DATETIME_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
    MONTH_DAY_FORMAT,
) = family("D j b Y", month="b Y", tick="j b")
