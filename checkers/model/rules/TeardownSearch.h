//===- TeardownSearch.h - From teardown roots to blocking sites -*- C++ -*-===//
//
// From every teardown root, a breadth-first search over states (function,
// guarded, and from a DLL entry point the context of its first call),
// through the functions that can reach a site at all. Guarded becomes true
// once an edge on the path is guarded; a state whose function was visited
// unguarded is not visited again guarded. Each blocking site met is a
// candidate, with its path; the best candidate of each site is kept.
//
// RootSearch is the walk alone: another kind of site (a call forbidden
// under the loader lock, a wait on an event) needs only its own set of
// functions to go through and its own test at each state.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_TEARDOWNSEARCH_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_TEARDOWNSEARCH_H

#include "checkers/model/Finding.h"
#include "checkers/model/rules/CallGraph.h"
#include "checkers/model/rules/Instances.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <map>
#include <tuple>

namespace shutdown::rules {

class OrdinaryCode;

/// A point of the search from a teardown root: the function reached,
/// whether every path so far was guarded by object state, and, from a DLL
/// entry point, the context of the entry point's first call (each is
/// searched on its own: the FreeLibrary path must not hide behind the
/// process-exit one).
struct State {
  uint32_t Node = 0;
  bool Guarded = false;
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;

  /// One integer per state, for the search's sets and maps.
  uint64_t pack() const {
    return uint64_t(Node) << 8 | uint64_t(Guarded) << 7 |
           uint64_t(static_cast<int>(Reason) + 1) << 2 |
           static_cast<uint64_t>(Path);
  }
};

/// One step of a path: the edge taken and the node it led to (an override
/// of the edge's callee for a virtual call).
struct Step {
  const CallEdge *Edge;
  uint32_t To;
};

/// The breadth-first search from one root through the functions Through
/// marks (by node number).
class RootSearch {
public:
  RootSearch(const CallGraph &G, const RootFact &R,
             const std::vector<bool> &Through)
      : G(G), R(R), Through(Through) {}
  /// Calls Visit at every state reached, the root's first.
  void run(llvm::function_ref<void(const State &)> Visit);
  /// The steps from the root to a state Visit was given.
  std::vector<Step> pathTo(const State &S) const;

private:
  const CallGraph &G;
  const RootFact &R;
  const std::vector<bool> &Through;
  llvm::DenseMap<uint64_t, std::pair<uint64_t, Succ>> Parent;
};

/// Why a teardown join is still reported, or is not, given the stops that
/// ordinary code and the API make (OrdinaryCode).
enum class StopVerdict {
  NoStop,    ///< Nothing outside teardown stops the thread.
  SafetyNet, ///< Guarded, and ordinary code stops it first: clean.
  /// Guarded, and only the public API of a library analyzed alone stops it:
  /// callers must call that stop.
  Contract,
  Uncalled,       ///< A public function stops it, and nothing calls it.
  OtherInstances, ///< Ordinary code stops it on other objects only.
  /// Ordinary code stops it first, but this join does not test whether
  /// the thread still runs.
  Unguarded,
};

/// A way found from a root to one blocking site.
struct Candidate {
  const RootFact *Root = nullptr;
  const BlockingSite *Site = nullptr;
  std::vector<Step> Path;
  /// What the site waits for on this path: a helper's parameter is bound
  /// to what the call on the path passes.
  std::vector<std::string> Targets;
  bool Guarded = false;
  Severity Level = Severity::Warning;
  DllReason Reason = DllReason::Any;
  DllPath EntryPath = DllPath::Unknown;
  /// The object whose threads the site waits for on this path.
  Instance On = NoInstance;
  StopVerdict Verdict = StopVerdict::NoStop;
  /// The stop the verdict names: "alog::shutdown", "Pool::stop".
  std::string StopName;

  /// Lower is better: unguarded first, then errors, then DllMain, then short.
  auto rank() const {
    return std::make_tuple(Guarded, Level != Severity::Error,
                           Root->Kind != RootKind::DllEntry, Path.size(),
                           Root->Loc, Root->Name);
  }
};

/// What the searches from every root found.
struct TeardownJoins {
  /// The best candidate of each site (by its place in the facts) from a DLL
  /// entry point (true), and from the other roots (false): a wait that
  /// both reach is a finding of each rule, with its own chain.
  std::map<std::pair<const BlockingSite *, bool>, Candidate> Best;
  /// For each root, each thread key its teardown joins (with sources),
  /// and the first site found that joins it.
  std::map<const RootFact *, std::map<std::string, const BlockingSite *>>
      JoinedFrom;
};

/// Roots that run when a program or library starts (and a TLS callback, at
/// every start and end of a thread): not teardown, for the join rules.
inline bool runsAtStartup(RootKind K) {
  return K == RootKind::StaticInitializer ||
         K == RootKind::ConstructorFunction || K == RootKind::TlsCallback;
}

/// Searches from every teardown root of the facts that Follows accepts. Each
/// candidate is judged (judgeStops); a site's best candidate is kept among
/// those that are no safety net.
TeardownJoins
searchTeardown(const CallGraph &G, const Instances &I,
               const OrdinaryCode &Ordinary,
               llvm::function_ref<bool(const RootFact &)> Follows);

/// What the stops of ordinary code and of the API make of a candidate. The
/// safety net is a guarded join of a thread that ordinary code stops on the
/// same instance ("join only if still running"): clean.
void judgeStops(Candidate &C, const OrdinaryCode &Ordinary);

} // namespace shutdown::rules

#endif
