//===- Instances.cpp - Which object a function runs on --------------------===//

#include "checkers/model/rules/Instances.h"

using namespace llvm;

namespace shutdown::rules {

Instances::Instances(const CallGraph &G) {
  const TUFacts &F = G.facts();
  for (const ReturnFact &R : F.Returns)
    Returns[R.Function].push_back(R.Object);
  for (const CallEdge &E : F.Calls)
    for (StringRef A : E.passes().ObjectArgs) {
      auto [Index, Object] = A.split('=');
      Passed[(E.Callee + "#" + Index).str()].push_back(Object);
    }
}

Instance Instances::staticNamed(StringRef Usr) const {
  auto [It, New] = Statics.try_emplace(Usr, Statics.size() + 3);
  return It->second;
}

Instance Instances::ofRoot(const RootFact &R) const {
  StringRef Var = R.Function;
  if ((R.Kind == RootKind::StaticDestructor ||
       R.Kind == RootKind::ThreadLocalDestructor) &&
      Var.consume_front("V:"))
    return staticNamed(Var);
  return NoInstance;
}

Instance Instances::callee(Instance Caller, const CallEdge &E) const {
  if (isDestruction(E.Kind) || !E.Via.empty()) {
    StringRef Via = E.Via;
    if (Via.starts_with("local ") || Via == "temporary")
      return OtherInstance;
    StringRef Var = E.Caller;
    if (Var.consume_front("V:"))
      return staticNamed(Var);
    return Caller; // A member, a base, an owned pointee: the same object.
  }
  if (E.Receiver.empty())
    return NoInstance;
  return resolve(E.Receiver, Caller, 0);
}

Instance Instances::ofSite(Instance In, const BlockingSite &S) const {
  return S.Receiver.empty() ? In : resolve(S.Receiver, In, 0);
}

Instance Instances::resolve(StringRef Ref, Instance This,
                            unsigned Depth) const {
  if (Depth > 6)
    return UnknownInstance;
  if (Ref == "this")
    return This;
  if (Ref == "local")
    return OtherInstance;
  if (Ref.consume_front("var:"))
    return staticNamed(Ref);
  if (Ref.consume_front("param:"))
    return paramOf(Ref, Depth + 1);
  if (Ref.consume_front("ret:")) {
    auto [Fn, Object] = Ref.split('|');
    Instance On =
        Object.empty() ? NoInstance : resolve(Object, This, Depth + 1);
    return returnOf(Fn, On, Depth + 1);
  }
  return UnknownInstance;
}

/// What Fn returns when called on Object: one instance when every return
/// says the same.
Instance Instances::returnOf(StringRef Fn, Instance Object,
                             unsigned Depth) const {
  auto It = Returns.find(Fn);
  if (It == Returns.end())
    return UnknownInstance;
  std::optional<Instance> Out;
  for (StringRef R : It->second) {
    Instance I = resolve(R, Object, Depth);
    if (Out && *Out != I)
      return UnknownInstance;
    Out = I;
  }
  return Out.value_or(UnknownInstance);
}

/// What every caller passes as a parameter, when they all pass one object
/// known without their own context.
Instance Instances::paramOf(StringRef Param, unsigned Depth) const {
  if (auto It = ParamCache.find(Param); It != ParamCache.end())
    return It->second;
  ParamCache[Param] = UnknownInstance; // Recursion: not known.
  Instance Out = UnknownInstance;
  auto It = Passed.find(Param);
  if (It != Passed.end()) {
    std::optional<Instance> One;
    for (StringRef O : It->second) {
      Instance I = resolve(O, UnknownInstance, Depth);
      if (One && *One != I) {
        One = UnknownInstance;
        break;
      }
      One = I;
    }
    Out = One.value_or(UnknownInstance);
  }
  ParamCache[Param] = Out;
  return Out;
}

} // namespace shutdown::rules
