//===- OrdinaryCode.h - What runs outside teardown, and its stops -*- C++ -*-=//
//
// Ordinary code is what can run outside teardown: what the entry points
// reach (main and its variants, thread routines, and the functions callable
// from outside that nothing in the program calls; in TranslationUnit mode,
// every function callable from outside). An explicit stop is a join, or a
// wait on a thread handle, in ordinary code: the threads it waits for, and
// everything copied or passed into them, are stopped by ordinary code.
//
// Ordinary code is searched over (function, automatic) states. Destroying a
// local or a temporary runs its destructor on another instance than the
// static one, so that destructor and the members it calls on its own class
// are automatic: not ordinary code, and not a stop (thread members are
// matched by declaration, not by instance). What it calls on other objects
// (a guard object's destructor calling Worker::instance().stop()) is.
// "delete p" and "p.reset()" destroy the very object, and are.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_ORDINARYCODE_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_ORDINARYCODE_H

#include "checkers/model/Rules.h"
#include "checkers/model/rules/CallGraph.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace shutdown::rules {

class OrdinaryCode {
public:
  OrdinaryCode(const CallGraph &G, AnalysisMode Mode);

  /// Whether ordinary code runs Fn.
  bool contains(llvm::StringRef Fn) const { return Ordinary.count(Fn); }
  /// Whether an explicit stop waits for one of Targets, compared through
  /// their sources.
  bool stops(const std::vector<std::string> &Targets) const;
  /// The first explicit stop found for a thread key; null when none.
  const BlockingSite *stopOf(llvm::StringRef Key) const {
    return StopSite.lookup(Key);
  }
  /// How ordinary code reaches an explicit stop's function: the nodes from
  /// the entry point the search met first; empty when not known.
  std::vector<uint32_t> pathTo(const BlockingSite &S) const;

private:
  bool isEntryPoint(const FunctionFact &Fn) const;
  void search();
  void findStops();

  const CallGraph &G;
  AnalysisMode Mode;
  llvm::StringSet<> Ordinary, Stopped;
  /// For each key in Stopped, the first site that stops it.
  llvm::StringMap<const BlockingSite *> StopSite;
  static constexpr uint32_t NoState = ~0u;
  /// For each state (2 * node + automatic), the state it was first reached
  /// from.
  std::vector<uint32_t> ReachedFrom;
};

} // namespace shutdown::rules

#endif
