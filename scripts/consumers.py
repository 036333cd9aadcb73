#!/usr/bin/env python3
"""Reads ibp-lint's CI reports the way real consumers do, and prints what they understood.

    consumers.py sarif FILE   -> sarif-tools (the loader behind `sarif summary`, `sarif ls`)
    consumers.py junit FILE   -> junitparser (as GitLab-style JUnit tooling reads it)
    consumers.py xlsx FILE    -> openpyxl (the register's workbook as Excel-reading tools see it)

The packages come from the folders on PYTHONPATH (`.ci/run` unpacks pinned, checked wheels:
sarif-tools with jsonpath-ng, ply and PyYAML, junitparser, and openpyxl with et-xmlfile). Output: one JSON document on
standard output, compared by tests/consumers.rs with ibp-lint's own JSON report.
"""

import json
import sys


def sarif(path):
    from sarif import loader

    log = loader.load_sarif_file(path)
    records = [
        {
            "code": r["Code"],
            "file": r["Location"],
            "line": r["Line"],
            "severity": r["Severity"],
        }
        for r in log.get_records()
    ]
    return {
        "results": log.get_result_count(),
        "tools": sorted(log.get_distinct_tool_names()),
        "records": records,
    }


def junit(path):
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(path)
    suites = []
    for suite in xml:
        failing = sorted(
            case.name
            for case in suite
            if any(type(r).__name__ in ("Failure", "Error") for r in case.result)
        )
        suites.append(
            {
                "name": suite.name,
                "tests": suite.tests,
                "failures": suite.failures,
                "errors": suite.errors,
                "failing": failing,
            }
        )
    return {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "suites": suites}


def xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = {}
    for ws in book.worksheets:
        rows = [
            [
                {
                    "value": c.value.date().isoformat() if hasattr(c.value, "date") else c.value,
                    "date": c.is_date,
                    "fill": c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None,
                }
                for c in row
            ]
            for row in ws.iter_rows()
        ]
        sheets[ws.title] = {
            "freeze_panes": ws.freeze_panes,
            "auto_filter": ws.auto_filter.ref,
            "rows": rows,
        }
    return {"sheets": [ws.title for ws in book.worksheets], "active": book.active.title, "content": sheets}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = {"sarif": sarif, "junit": junit, "xlsx": xlsx}[kind](path)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
