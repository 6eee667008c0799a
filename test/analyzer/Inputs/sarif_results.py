"""Prints each result of a SARIF log: its rule, level, location, message,
then the messages of its code flow, one per line, so FileCheck can read
them in order."""
import json
import sys

log = json.load(open(sys.argv[1]))
for run in log["runs"]:
    print("tool:", run["tool"]["driver"]["name"])
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        print("result: %s %s %s:%d: %s" % (
            r["ruleId"], r["level"], loc["artifactLocation"]["uri"].rsplit("/", 1)[-1],
            loc["region"]["startLine"], r["message"]["text"]))
        for flow in r.get("codeFlows", []):
            for tf in flow["threadFlows"]:
                for step in tf["locations"]:
                    l = step["location"]
                    print("  step: %d: %s" % (l["physicalLocation"]["region"]["startLine"],
                                             l["message"]["text"]))
