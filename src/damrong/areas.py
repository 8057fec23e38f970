"""Thailand's administrative areas (provinces, districts, subdistricts) from ``geothai``.

The package ships the official DOPA list, so nothing here is typed by hand; lookups are cached
because the intake form asks for them on every render.
"""

from functools import lru_cache

import geothai


@lru_cache(maxsize=1)
def provinces():
    """``[(code, Thai name)]`` sorted by Thai name, as a select lists them."""
    return sorted(((p.code, p.name_th) for p in geothai.provinces()), key=lambda item: item[1])


@lru_cache(maxsize=128)
def districts(province_code):
    if not province_code:
        return []
    return [(d.code, d.name_th) for d in geothai.districts(province_code)]


@lru_cache(maxsize=1024)
def subdistricts(district_code):
    if not district_code:
        return []
    return [(s.code, s.name_th) for s in geothai.subdistricts(district_code)]


@lru_cache(maxsize=1)
def _names():
    names = {}
    for province in geothai.provinces():
        names[province.code] = province.name_th
        for district in geothai.districts(province.code):
            names[district.code] = district.name_th
    return names


def name_of(code):
    """Thai name of a province or district code; subdistricts are looked up in their district."""
    if not code:
        return ""
    if len(code) == 6:
        return dict(subdistricts(code[:4])).get(code, code)
    return _names().get(code, code)


def describe_place(place):
    """``ต.หน้าเมือง อ.เมืองราชบุรี จ.ราชบุรี`` for a place dict of a complaint."""
    parts = []
    if place.get("subdistrict"):
        parts.append("ต." + name_of(place["subdistrict"]))
    if place.get("district"):
        parts.append("อ." + name_of(place["district"]))
    if place.get("province"):
        parts.append("จ." + name_of(place["province"]))
    return " ".join(parts)
