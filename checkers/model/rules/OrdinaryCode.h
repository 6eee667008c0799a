//===- OrdinaryCode.h - What runs outside teardown, and its stops -*- C++ -*-=//
//
// Ordinary code is what can run outside teardown: what the entry points
// reach. Which functions are entry points depends on what the facts cover:
//   Program  (a unit of the project defines main, or one of its variants;
//            per unit, the unit does): main and its variants,
//            exported functions (dllexport, visibility("default") under
//            -fvisibility=hidden), extern "C" functions looked up by name
//            (GetProcAddress, dlsym, a .def file's EXPORTS), thread
//            routines, and callbacks whose address escapes;
//   Library  (the whole program, and no unit defines main: a library, or a
//            DLL without its host, analyzed alone): thread
//            routines, callbacks and looked-up functions; every other
//            public function is called by code not analyzed, under a
//            contract (see below);
//   Unit     (one translation unit without main): every function callable
//            from outside, since its callers may be in other files.
// Functions of dependencies (system headers, code outside the project or
// under its third-party paths) are never entry points.
//
// A second search starts from the API: the public functions that nothing
// calls and that are no entry point, dependencies included. The stops it
// finds are the ones a program *could* call: in Library scope, those of the
// project's own API are contracts (the finding says callers must call
// them); elsewhere they only name the stop the program forgot.
//
// Both searches run over (function, instance) pairs (Instances.h): a join
// stops the threads of the instance it runs on. A join reached through the
// function that starts the same thread (only it, or its callers only it)
// is a rollback of a failed start, not a stop.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_ORDINARYCODE_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_ORDINARYCODE_H

#include "checkers/model/Rules.h"
#include "checkers/model/rules/CallGraph.h"
#include "checkers/model/rules/Instances.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace shutdown::rules {

class OrdinaryCode {
public:
  enum class Scope { Program, Library, Unit };

  /// A join or wait on a thread that a search reached, and on which
  /// instance.
  struct Stop {
    const BlockingSite *Site = nullptr;
    Instance On = NoInstance;
    uint32_t State = 0; ///< Where its search met it.
    bool Api = false;   ///< Found from the API, not from an entry point.
  };

  OrdinaryCode(const CallGraph &G, const Instances &I, AnalysisMode Mode);
  ~OrdinaryCode();

  Scope scope() const { return Kind; }
  /// Whether ordinary code runs Fn (on some instance other than a local).
  bool contains(llvm::StringRef Fn) const {
    std::optional<uint32_t> N = G.find(Fn);
    return N ? OrdinaryNodes[*N] : OrdinaryIds.count(Fn);
  }

  /// The first stop of ordinary code that waits for one of Targets
  /// (compared through their sources) on an instance that stops On.
  const Stop *stopOf(const std::vector<std::string> &Targets,
                     Instance On) const;
  /// The same from the API search: a stop the program could call.
  const Stop *apiStopOf(const std::vector<std::string> &Targets,
                        Instance On) const;
  /// Any stop of ordinary code of Targets, on whatever instance.
  const Stop *anyStopOf(const std::vector<std::string> &Targets) const;

  /// An API stop of a library analyzed alone, through its own public
  /// function: callers are expected to call it.
  bool isContract(const Stop &S) const;
  /// The function to call: for an API stop, the public function it starts
  /// from; else the first function on the way that runs on the stopped
  /// instance ("Pool::stop" for "main -> Pool::stop -> join"); empty when
  /// only destructors run on it (a local destroyed).
  std::string stopName(const Stop &S) const;
  /// The way from the entry to the join: "main -> Pool::stop ->
  /// std::thread::join(t)".
  std::string chain(const Stop &S) const;

private:
  struct Search;
  bool isEntryPoint(const FunctionFact &Fn) const;
  bool isApi(const FunctionFact &Fn) const;
  bool isRollback(const BlockingSite &S) const;
  void run(Search &S, llvm::ArrayRef<std::pair<uint32_t, Instance>> Entries,
           bool Api);
  const Stop *find(const Search &S, const std::vector<std::string> &Targets,
                   std::optional<Instance> On) const;
  std::vector<uint32_t> path(const Stop &S) const;

  const CallGraph &G;
  const Instances &I;
  Scope Kind = Scope::Program;
  llvm::StringSet<> LookedUp;
  /// What ordinary code runs: the functions of the graph by node, and the
  /// ids of entries that are no node (in no call) by id.
  std::vector<bool> OrdinaryNodes;
  llvm::StringSet<> OrdinaryIds;
  /// The functions that start a thread into each key.
  llvm::StringMap<llvm::SmallVector<llvm::StringRef, 1>> StartedIn;
  llvm::StringMap<llvm::SmallVector<llvm::StringRef, 2>> CallersOf;
  std::unique_ptr<Search> Entries, Api;
  /// The API functions that belong to dependencies.
  llvm::DenseSet<uint32_t> DependencyApi;
};

} // namespace shutdown::rules

#endif
