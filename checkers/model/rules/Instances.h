//===- Instances.h - Which object a function runs on ------------*- C++ -*-===//
//
// The searches run over (function, instance) pairs, so that a stop counts
// only for the object it stops. An instance is one of:
//   None     no object: a free function, or code reached from main;
//   Unknown  an object the facts do not tell (a pointer parameter several
//            callers pass different objects to, an entry point's "this");
//   Other    an object that is no static: a local, a temporary, one made
//            with new here;
//   a static variable, or a member or owned pointee of it.
// A call's receiver (CallEdge::Receiver) is resolved in its caller's
// instance: "this" stays, "var:" names a static, "ret:" is what the
// accessor returns (ReturnFact), "param:" what every caller passes
// (CallEdge::ObjectArgs) when they all pass the same object.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_INSTANCES_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_INSTANCES_H

#include "checkers/model/rules/CallGraph.h"
#include "llvm/ADT/StringMap.h"
#include <vector>

namespace shutdown::rules {

using Instance = uint32_t;
constexpr Instance NoInstance = 0, UnknownInstance = 1, OtherInstance = 2;

class Instances {
public:
  explicit Instances(const CallGraph &G);

  /// The static a teardown root destroys ("V:<USR>"); None for the others.
  Instance ofRoot(const RootFact &R) const;
  /// The instance the callee of E runs on, called from Caller.
  Instance callee(Instance Caller, const CallEdge &E) const;
  /// The instance whose threads a blocking site waits for, in In.
  Instance ofSite(Instance In, const BlockingSite &S) const;
  /// Whether a stop on Stop stops the threads of Target: the same static,
  /// or either not known (None or Unknown).
  static bool stops(Instance Stop, Instance Target) {
    return Stop == Target || Stop <= UnknownInstance ||
           Target <= UnknownInstance;
  }
  static bool isStatic(Instance I) { return I > OtherInstance; }

private:
  Instance resolve(llvm::StringRef Ref, Instance This, unsigned Depth) const;
  Instance staticNamed(llvm::StringRef Usr) const;
  Instance returnOf(llvm::StringRef Fn, Instance Object, unsigned Depth) const;
  Instance paramOf(llvm::StringRef Param, unsigned Depth) const;

  llvm::StringMap<std::vector<llvm::StringRef>> Returns;
  /// For each "<function>#<index>", what each call passes.
  llvm::StringMap<std::vector<llvm::StringRef>> Passed;
  mutable llvm::StringMap<Instance> Statics;
  mutable llvm::StringMap<Instance> ParamCache;
};

} // namespace shutdown::rules

#endif
