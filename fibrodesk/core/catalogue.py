"""The body-map catalogue: regions, WPI areas, generalized-pain regions, tender points
and pain qualities, loaded once from ``resources/catalogue.json`` (domain.md s.1-4).

Side is always the patient's side. Every id here is the full id stored and exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fibrodesk.resources import load_json


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    stem: str
    side: str | None
    view: str  # "front" or "back": the view whose figure carries the region
    wpi_area: str | None
    label: str
    leg: bool


@dataclass(frozen=True, slots=True)
class WpiArea:
    id: str
    label: str
    group: str  # one of the five generalized-pain regions
    generalized: bool  # False for jaw, chest, abdomen (2016: not counted for that rule)


@dataclass(frozen=True, slots=True)
class TenderPoint:
    id: str
    stem: str
    side: str
    view: str
    site: str
    label: str
    leg: bool


@dataclass(frozen=True, slots=True)
class Quality:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    regions: dict[str, Region]
    wpi_areas: dict[str, WpiArea]
    pain_regions: dict[str, str]  # group id -> label
    tender_points: dict[str, TenderPoint]
    qualities: dict[str, Quality]

    def region(self, region_id: str) -> Region:
        try:
            return self.regions[region_id]
        except KeyError:
            raise ValueError(f"unknown body region {region_id!r}") from None


@cache
def catalogue() -> Catalogue:
    """The catalogue, parsed once per process."""
    raw = load_json("catalogue.json")
    return Catalogue(
        regions={r["id"]: Region(**r) for r in raw["regions"]},
        wpi_areas={a["id"]: WpiArea(**a) for a in raw["wpi_areas"]},
        pain_regions={g["id"]: g["label"] for g in raw["pain_regions"]},
        tender_points={p["id"]: TenderPoint(**p) for p in raw["tender_points"]},
        qualities={q["id"]: Quality(**q) for q in raw["qualities"]},
    )


def side_of(region_or_point_id: str) -> str | None:
    """The patient's side of a region or tender point id, or None for a midline region."""
    cat = catalogue()
    if region_or_point_id in cat.regions:
        return cat.regions[region_or_point_id].side
    if region_or_point_id in cat.tender_points:
        return cat.tender_points[region_or_point_id].side
    raise ValueError(f"unknown body region or tender point {region_or_point_id!r}")
