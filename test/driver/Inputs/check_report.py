#!/usr/bin/env python3
"""Checks the structure of a shutdown-hazards JSON or SARIF report.

usage: check_report.py json|sarif REPORT CHECKS_DEF

Exits non-zero, naming the first violation, when the report breaks the
schema of docs/usage.md (JSON) or the parts of SARIF 2.1.0 the driver
promises: rules from Checks.def, relative locations under SRCROOT, related
locations and a code flow ending on the blocking call.
"""
import json
import re
import sys


def fail(msg):
    sys.exit("check_report: " + msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def check_names(path):
    with open(path) as f:
        return re.findall(r'"(shutdown-[a-z0-9-]+)"', f.read())


def check_relative(uri, where):
    expect(isinstance(uri, str) and uri and not uri.startswith("/")
           and "://" not in uri, f"{where}: not a relative path: {uri!r}")


def check_json(doc, names):
    expect(doc.get("version") == 1, "version is not 1")
    expect(set(doc) == {"version", "tool", "root", "translationUnits",
                        "findings", "failures", "ignoredParseErrors"},
           f"unexpected top-level keys {sorted(doc)}")
    expect(doc["tool"]["name"] == "shutdown-hazards", "tool.name")
    expect(isinstance(doc["translationUnits"], int), "translationUnits")
    keys = []
    for i, f in enumerate(doc["findings"]):
        where = f"findings[{i}]"
        expect(set(f) == {"rule", "level", "file", "line", "column", "message",
                          "notes", "chain", "fingerprint"},
               f"{where}: keys {sorted(f)}")
        expect(f["rule"] in names, f"{where}: unknown rule {f['rule']}")
        expect(f["level"] in ("warning", "error"), f"{where}: level")
        check_relative(f["file"], where)
        expect(f["line"] >= 1 and f["column"] >= 1, f"{where}: position")
        expect(re.fullmatch(r"[0-9a-f]{16}", f["fingerprint"]),
               f"{where}: fingerprint")
        for j, n in enumerate(f["notes"]):
            expect(set(n) == {"file", "line", "column", "message"},
                   f"{where}.notes[{j}]: keys {sorted(n)}")
        keys.append((f["file"], f["line"], f["column"],
                     names.index(f["rule"]), f["message"]))
    expect(keys == sorted(keys), "findings are not sorted")
    expect(len(set(keys)) == len(keys), "duplicate findings")
    for i, f in enumerate(doc["failures"]):
        expect(set(f) == {"file", "kind", "message"}, f"failures[{i}]: keys")
        expect(f["kind"] in ("missing-file", "parse-error", "crash",
                             "timeout", "error"), f"failures[{i}]: kind")
    return len(doc["findings"])


def check_location(loc, where):
    phys = loc["physicalLocation"]
    art = phys["artifactLocation"]
    check_relative(art["uri"], where)
    expect(art.get("uriBaseId") == "SRCROOT", f"{where}: uriBaseId")
    reg = phys["region"]
    expect(reg["startLine"] >= 1 and reg["startColumn"] >= 1,
           f"{where}: region")
    return (art["uri"], reg["startLine"], reg["startColumn"])


def check_sarif(doc, names):
    expect(doc.get("version") == "2.1.0", "version is not 2.1.0")
    expect("sarif-2.1.0" in doc.get("$schema", ""), "$schema")
    expect(len(doc["runs"]) == 1, "one run")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    expect(driver["name"] == "shutdown-hazards", "driver.name")
    rules = driver["rules"]
    expect([r["id"] for r in rules] == names, "rules are not Checks.def")
    for r in rules:
        for k in ("shortDescription", "fullDescription", "help"):
            expect(r[k]["text"], f"rule {r['id']}: {k}")
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    expect(base.startswith("file:///") and base.endswith("/"),
           f"SRCROOT {base!r}")
    inv = run["invocations"][0]
    errors = [n for n in inv["toolExecutionNotifications"]
              if n["level"] == "error"]
    expect(inv["executionSuccessful"] == (not errors), "executionSuccessful")
    for i, res in enumerate(run["results"]):
        where = f"results[{i}]"
        expect(res["ruleId"] in names, f"{where}: ruleId")
        expect(rules[res["ruleIndex"]]["id"] == res["ruleId"],
               f"{where}: ruleIndex")
        expect(res["level"] in ("warning", "error"), f"{where}: level")
        expect(res["message"]["text"], f"{where}: message")
        primary = check_location(res["locations"][0], where)
        ids = [r["id"] for r in res["relatedLocations"]]
        expect(len(ids) == len(set(ids)), f"{where}: related ids")
        for r in res["relatedLocations"]:
            check_location(r, where + ".relatedLocations")
            expect(r["message"]["text"], f"{where}: related message")
        if res["ruleId"] == "shutdown-singleton-thread-without-uninit":
            expect("codeFlows" not in res, f"{where}: singleton code flow")
            continue
        flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
        expect(len(flow) >= 2, f"{where}: code flow too short")
        steps = [check_location(s["location"], where + ".codeFlows")
                 for s in flow]
        expect(steps[-1] == primary, f"{where}: code flow does not end on "
               "the blocking call")
        expect([s["nestingLevel"] for s in flow] == list(range(len(flow))),
               f"{where}: nesting levels")
    return len(run["results"])


def main():
    kind, path, checks_def = sys.argv[1:4]
    with open(path) as f:
        doc = json.load(f)
    names = check_names(checks_def)
    expect(len(names) == 4, f"Checks.def names: {names}")
    n = check_json(doc, names) if kind == "json" else check_sarif(doc, names)
    print(f"check_report: {kind} ok, {n} findings")


if __name__ == "__main__":
    main()
