"""reports.toml beside the reports: corrections to what a report's header says about it.

    ["henan_2024.txt"]                 # the file name in the corpus folder
    region = "河南省"                  # any name the division table knows ("天津市和平区" too)
    plan_year = 2024                   # the year the report plans for (its 今年)
    title = "2024年河南省政府工作报告"
    date = "2024-01-25"                # the day it was given
    source_url = "https://www.henan.gov.cn/..."
    published = "2024-01-29"           # when the source published it

Every key is optional. A file named there that is not in the folder, or a region the table does
not know, is named in a warning; the rest of the file still applies.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .metadata import NATIONAL, NATIONAL_CODE, IdentityReader
from .models import Report, ReportMeta

FILE_NAME = "reports.toml"
_TEXT_KEYS = ("title", "date", "source_url", "published")


def read_overrides(folder: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The tables of `folder/reports.toml` by file name, and warnings; none if absent."""
    path = folder / FILE_NAME
    if not path.is_file():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{FILE_NAME}: cannot be read ({exc}), ignored"]
    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    skipped = [f"{FILE_NAME}: [{k}] is not a table, ignored" for k in data if k not in tables]
    return tables, skipped


def apply_overrides(
    reports: Sequence[Report],
    tables: Mapping[str, Mapping[str, Any]],
    reader: IdentityReader | None = None,
) -> tuple[list[Report], list[str]]:
    """The reports with their metadata corrected, and a warning for whatever did not apply."""
    reader = reader or IdentityReader()
    warnings = [f"{FILE_NAME}: {name} is not a report in the folder" for name in tables]
    known = {r.name for r in reports}
    warnings = [w for w, name in zip(warnings, tables, strict=True) if name not in known]
    out = []
    for report in reports:
        table = tables.get(report.name)
        if table is None:
            out.append(report)
            continue
        meta, problems = _corrected(report.meta, table, reader)
        warnings += [f"{FILE_NAME}: [{report.name}] {p}" for p in problems]
        out.append(dataclasses.replace(report, meta=meta))
    return out, warnings


def _corrected(
    meta: ReportMeta, table: Mapping[str, Any], reader: IdentityReader
) -> tuple[ReportMeta, list[str]]:
    changes: dict[str, Any] = {}
    problems = []
    if (region := table.get("region")) is not None:
        if str(region) in (NATIONAL, "国务院", "中华人民共和国"):
            changes |= dict(region=NATIONAL, parent=None, province=None, code=NATIONAL_CODE,
                            level="national")  # fmt: skip
        elif (division := reader.resolve(str(region))) is not None:
            name, parent, province = reader.names_of(division)
            changes |= dict(region=name, parent=parent, province=province, code=division.code,
                            level=division.level)  # fmt: skip
        else:
            problems.append(f"region {region!r} is not in the division table, ignored")
    if (year := table.get("plan_year")) is not None:
        if isinstance(year, int) and 1949 < year < 2200:
            changes["plan_year"] = year
        else:
            problems.append(f"plan_year {year!r} is not a year, ignored")
    for key in _TEXT_KEYS:
        if (value := table.get(key)) is not None:
            changes[key] = str(value)
    return dataclasses.replace(meta, **changes), problems
