"""Thailand's administrative areas (provinces, districts, subdistricts) from ``geothai``.

The package ships the official DOPA list with Thai and English names, so nothing here is typed
by hand; lookups are cached because the intake form asks for them on every render.
"""

from functools import lru_cache

import geothai


def _name(area, locale):
    return area.name_en if locale == "en" else area.name_th


@lru_cache(maxsize=2)
def provinces(locale="th"):
    """``[(code, name)]`` sorted by name in ``locale``, as a select lists them."""
    return sorted(((p.code, _name(p, locale)) for p in geothai.provinces()),
                  key=lambda item: item[1])


@lru_cache(maxsize=256)
def districts(province_code, locale="th"):
    if not province_code:
        return []
    return [(d.code, _name(d, locale)) for d in geothai.districts(province_code)]


@lru_cache(maxsize=2048)
def subdistricts(district_code, locale="th"):
    if not district_code:
        return []
    return [(s.code, _name(s, locale)) for s in geothai.subdistricts(district_code)]


@lru_cache(maxsize=2)
def _names(locale):
    names = {}
    for province in geothai.provinces():
        names[province.code] = _name(province, locale)
        for district in geothai.districts(province.code):
            names[district.code] = _name(district, locale)
    return names


def name_of(code, locale="th"):
    """Name of a province or district code; subdistricts are looked up in their district."""
    if not code:
        return ""
    if len(code) == 6:
        return dict(subdistricts(code[:4], locale)).get(code, code)
    return _names(locale).get(code, code)


def describe_place(place, locale="th"):
    """``ต.หน้าเมือง อ.เมืองราชบุรี จ.ราชบุรี`` for a place dict of a complaint, or in English
    ``Na Mueang, Mueang Ratchaburi, Ratchaburi`` (smallest first, as English addresses run)."""
    levels = (("subdistrict", "ต."), ("district", "อ."), ("province", "จ."))
    if locale == "en":
        return ", ".join(name_of(place[level], locale) for level, _ in levels if place.get(level))
    return " ".join(prefix + name_of(place[level]) for level, prefix in levels if place.get(level))
