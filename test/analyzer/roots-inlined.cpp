// A limit of how the analyzer reaches teardown, and its remedy
// (docs/analyzer.md, "Limits"). The destructor of a class with a static
// instance is a teardown root, explored from its own entry. When another
// function of the file runs it too (a local instance) and other checkers
// are enabled, the analyzer explores that function first, inlines the
// destructor there, and does not explore it again from its entry
// (-analyzer-inlining-mode=noredundancy): the teardown is not reported.
// With the shutdown checkers alone, ordinary functions are cut at their
// entry and inline nothing; -analyzer-inlining-mode=all explores every
// function from its entry.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown.JoinInTeardown %cc1_host -std=c++17 \
// RUN:   -verify=expected,found -verify-ignore-unexpected=note %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,shutdown.JoinInTeardown %cc1_host -std=c++17 \
// RUN:   -verify=expected,missed %s
// RUN: %clang_analyze_cc1 -analyzer-checker=core,shutdown.JoinInTeardown %cc1_host -std=c++17 \
// RUN:   -verify=expected,found -verify-ignore-unexpected=note %s -analyzer-inlining-mode=all

#include <thread>

class Cache {
public:
  Cache() : Flusher([] {}) {}
  ~Cache() {
    Flusher.join(); // found-warning{{'std::thread::join' waits for thread 'Flusher' during static teardown}}
  }

private:
  std::thread Flusher;
};
static Cache TheCache; //

void selfTest() {
  Cache Scratch; // Destroyed here: this function inlines ~Cache.
}
// missed-no-diagnostics
