#!/usr/bin/env python3
"""Checks the structure of a shutdown-hazards JSON or SARIF report.

usage: check_report.py json|sarif|html REPORT CHECKS_DEF [--print]

Exits non-zero, naming the first violation, when the report breaks the
schema of docs/usage.md (JSON); or the parts of SARIF 2.1.0 the driver
promises: rules from Checks.def with their docs page as help (Markdown with
absolute links, and plain text), relative
locations under %SRCROOT%, fingerprints, related locations and a code flow
ending on the blocking call, with a second thread flow for the waited
thread when its start is known; or, for HTML, a self-contained page: well
nested, no element or attribute that loads or runs anything but the one
inline script.

With --print, a SARIF report's rules and results follow, one line per
rule, result and code-flow step, for FileCheck.
"""
import html.parser
import json
import os
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
    expect(doc.get("version") == 2, "version is not 2")
    expect(set(doc) == {"version", "tool", "root", "translationUnits",
                        "findings", "failures", "ignoredParseErrors",
                        "threadOwners"},
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
    for i, o in enumerate(doc["threadOwners"]):
        where = f"threadOwners[{i}]"
        stop = o.get("stop")
        expect(stop in ("explicit", "contract", "teardown-only", "never"),
               f"{where}: stop")
        want = {"object", "class", "thread", "file", "line", "column",
                "threadLocation", "stop", "destroyed"}
        if stop != "never":
            want |= {"stoppedIn", "stopLocation"}
        if stop in ("explicit", "contract"):
            want |= {"stopChain"}
        if stop == "contract":
            want |= {"stoppedBy"}
        # Optional: the stop to call, and why a stopped thread is still
        # joined by a reported teardown join.
        optional = {"stoppedBy"} if stop != "never" else set()
        if stop == "explicit":
            optional |= {"note"}
        expect(want <= set(o) <= want | optional, f"{where}: keys {sorted(o)}")
        expect(o["destroyed"] in ("exit", "dll-unload"), f"{where}: destroyed")
        check_relative(o["file"], where)
        if stop in ("explicit", "contract"):
            expect(o["stopChain"].endswith(")"), f"{where}: stopChain")
    for i, f in enumerate(doc["failures"]):
        expect(set(f) == {"file", "kind", "message"}, f"failures[{i}]: keys")
        expect(f["kind"] in ("missing-file", "parse-error", "crash",
                             "timeout", "error"), f"failures[{i}]: kind")
    return len(doc["findings"])


def check_location(loc, where):
    phys = loc["physicalLocation"]
    art = phys["artifactLocation"]
    check_relative(art["uri"], where)
    expect(art.get("uriBaseId") == "%SRCROOT%", f"{where}: uriBaseId")
    reg = phys["region"]
    expect(reg["startLine"] >= 1 and reg["startColumn"] >= 1,
           f"{where}: region")
    return (art["uri"], reg["startLine"], reg["startColumn"])


def check_sarif(doc, names, checks_def):
    expect(doc.get("version") == "2.1.0", "version is not 2.1.0")
    expect("sarif-2.1.0" in doc.get("$schema", ""), "$schema")
    expect(len(doc["runs"]) == 1, "one run")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    expect(driver["name"] == "shutdown-hazards", "driver.name")
    rules = driver["rules"]
    expect([r["id"] for r in rules] == names, "rules are not Checks.def")
    docs = os.path.join(os.path.dirname(checks_def), "..", "docs", "checks")
    for r in rules:
        where = f"rule {r['id']}"
        for k in ("shortDescription", "fullDescription", "help"):
            expect(r[k]["text"], f"{where}: {k}")
        page = r["id"][len("shutdown-"):] + ".md"
        with open(os.path.join(docs, page), encoding="utf-8") as f:
            doc = f.read()
        md, text = r["help"]["markdown"], r["help"]["text"]
        # The page, with every link absolute or reduced to its text: a
        # link relative to the docs breaks where the report is viewed.
        expect(md.splitlines()[0] == doc.splitlines()[0]
               and len(md.splitlines()) == len(doc.splitlines()),
               f"{where}: help is not docs/checks/{page}")
        for target in re.findall(r"\]\(([^)\s]+)\)", md):
            expect(re.match(r"[a-z]+://", target),
                   f"{where}: help.markdown links to {target!r}")
        # help.text: plain text, the same page without Markdown marks.
        expect(text.splitlines()[0] == r["id"]
               and not re.search(r"^#|\]\(|`|\*\*", text, re.M),
               f"{where}: help.text is not plain text")
        if "helpUri" in r:
            expect(re.match(r"[a-z]+://", r["helpUri"])
                   and r["helpUri"].endswith("checks/" + page),
                   f"{where}: helpUri {r['helpUri']!r}")
        props = r["properties"]
        expect("reliability" in props["tags"], f"{where}: tags")
        expect(props["precision"] in ("very-high", "high", "medium", "low"),
               f"{where}: precision")
        expect(props["problem.severity"] in ("error", "warning",
                                             "recommendation"),
               f"{where}: problem.severity")
        expect(0.0 < float(props["security-severity"]) <= 10.0,
               f"{where}: security-severity")
        expect(r["defaultConfiguration"]["level"] ==
               props["problem.severity"], f"{where}: default level")
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    expect(base.startswith("file:///") and base.endswith("/"),
           f"SRCROOT {base!r}")
    inv = run["invocations"][0]
    errors = [n for n in inv["toolExecutionNotifications"]
              if n["level"] == "error"]
    expect(inv["executionSuccessful"] == (not errors), "executionSuccessful")
    states = {res.get("baselineState") for res in run["results"]}
    expect(states <= {None} or states <= {"new", "unchanged"},
           f"baselineState on some results only, or unknown: {states}")
    for i, res in enumerate(run["results"]):
        where = f"results[{i}]"
        expect(re.fullmatch(r"[0-9a-f]{16}",
                            res["partialFingerprints"]["shutdownHazards/v1"]),
               f"{where}: partialFingerprints")
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
        expect(len(res["codeFlows"]) == 1, f"{where}: one code flow")
        threads = res["codeFlows"][0]["threadFlows"]
        started = [r for r in res["relatedLocations"]
                   if r["message"]["text"].startswith("the waited thread")]
        expect(len(threads) == 1 + len(started),
               f"{where}: {len(threads)} thread flows, "
               f"{len(started)} thread starts")
        if started:
            waited = threads[1]["locations"]
            expect(len(waited) == 1 and
                   check_location(waited[0]["location"], where) ==
                   check_location(started[0], where),
                   f"{where}: the waited thread's flow is not its start")
        flow = threads[0]["locations"]
        expect(len(flow) >= 2, f"{where}: code flow too short")
        steps = [check_location(s["location"], where + ".codeFlows")
                 for s in flow]
        expect(steps[-1] == primary, f"{where}: code flow does not end on "
               "the blocking call")
        expect([s["nestingLevel"] for s in flow] == list(range(len(flow))),
               f"{where}: nesting levels")
    return len(run["results"])


class HtmlChecker(html.parser.HTMLParser):
    VOID = {"meta", "br", "input", "hr", "wbr"}
    ALLOWED = VOID | {
        "html", "head", "title", "style", "script", "body", "main", "header",
        "footer", "nav", "h1", "h2", "h3", "p", "div", "span", "b", "code",
        "pre", "a", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th",
        "td", "label", "article", "dl", "dt", "dd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.count = {}
        self.doctype = False
        self.ids = set()
        self.anchors = set()

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        where = f"line {self.getpos()[0]}: <{tag}>"
        expect(tag in self.ALLOWED, f"{where}: element not expected")
        for name, value in attrs:
            expect(not name.startswith("on") and name not in ("src", "style"),
                   f"{where}: attribute {name}")
            if name == "href":
                expect(value.startswith("#") or
                       re.match(r"https?://", value), f"{where}: href")
                if value.startswith("#"):
                    self.anchors.add(value[1:])
            if name == "id":
                self.ids.add(value)
        self.count[tag] = self.count.get(tag, 0) + 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        fail(f"line {self.getpos()[0]}: self-closing <{tag}/>")

    def handle_endtag(self, tag):
        expect(self.stack and self.stack[-1] == tag,
               f"line {self.getpos()[0]}: </{tag}> closes "
               f"<{self.stack[-1] if self.stack else None}>")
        self.stack.pop()


def check_html(text):
    checker = HtmlChecker()
    checker.feed(text)
    checker.close()
    expect(checker.doctype, "no <!DOCTYPE html>")
    expect(not checker.stack, f"unclosed {checker.stack}")
    # Every link within the page leads somewhere: a finding's check page.
    expect(checker.anchors <= checker.ids,
           f"links to no element: {sorted(checker.anchors - checker.ids)}")
    for tag in ("html", "head", "body", "style", "script", "title"):
        expect(checker.count.get(tag) == 1, f"not one <{tag}>")
    style = text[text.index("<style>"):text.index("</style>")]
    expect("url(" not in style and "@import" not in style,
           "the style loads something")
    expect("http" not in text[text.index("<script>"):
                              text.index("</script>")],
           "the script names a URL")
    return checker.count.get("article", 0)


def print_sarif(doc):
    run = doc["runs"][0]

    def where(loc):
        phys = loc["physicalLocation"]
        reg = phys["region"]
        return (f"{phys['artifactLocation']['uri']}:{reg['startLine']}:"
                f"{reg['startColumn']}")

    for r in run["tool"]["driver"]["rules"]:
        p = r["properties"]
        print(f"rule {r['id']} level={r['defaultConfiguration']['level']} "
              f"precision={p['precision']} "
              f"security-severity={p['security-severity']} "
              f"tags={','.join(p['tags'])} helpUri={r.get('helpUri', '-')}")
        print(f"  full: {r['fullDescription']['text']}")
    for res in run["results"]:
        print(f"result {res['ruleId']} {res['level']} "
              f"{where(res['locations'][0])} "
              f"baselineState={res.get('baselineState', '-')}")
        for flow in res.get("codeFlows", []):
            for thread in flow["threadFlows"]:
                print(f"  thread: {thread['message']['text']}")
                for step in thread["locations"]:
                    print(f"    {step['nestingLevel']} "
                          f"{where(step['location'])} "
                          f"{step['location']['message']['text']}")


def main():
    kind, path, checks_def = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if kind == "html":
        print(f"check_report: html ok, {check_html(text)} findings")
        return
    doc = json.loads(text)
    names = check_names(checks_def)
    expect(len(names) == 6, f"Checks.def names: {names}")
    n = (check_json(doc, names) if kind == "json"
         else check_sarif(doc, names, checks_def))
    print(f"check_report: {kind} ok, {n} findings")
    if "--print" in sys.argv[4:] and kind == "sarif":
        print_sarif(doc)


if __name__ == "__main__":
    main()
