"""The site's data files, beside its pages: the downloads and the plan explorer's data."""

from __future__ import annotations

from gen.downloads import download_files
from gen.explorer_data import explorer_files
from gen.plan_rows import plan_rows
from gen.site_model import Site


def site_data_files(site: Site) -> dict[str, str]:
    """Every generated file that is not a page, by path from the site root."""
    rows = list(plan_rows(site))
    return {**download_files(rows), **explorer_files(site, rows)}
