//===- OrdinaryCode.cpp - What runs outside teardown, and its stops -------===//

#include "checkers/model/rules/OrdinaryCode.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>

using namespace llvm;

namespace shutdown::rules {

namespace {

/// The class whose member a node is: "D:<class>" or "<class>@F@name".
StringRef classOf(StringRef Id) {
  if (Id.consume_front("D:"))
    return Id;
  size_t At = Id.rfind("@F@");
  return At == StringRef::npos ? StringRef() : Id.take_front(At);
}

/// Destroying a local or a temporary destroys another instance than the
/// static one.
bool destroysAnotherInstance(const CallEdge &E) {
  return isDestruction(E.Kind) &&
         (StringRef(E.Via).starts_with("local ") || E.Via == "temporary");
}

} // namespace

OrdinaryCode::OrdinaryCode(const CallGraph &G, AnalysisMode Mode)
    : G(G), Mode(Mode) {
  search();
  findStops();
}

/// main and its variants; a function callable from outside, or whose
/// address is taken, when its callers may be elsewhere (one translation
/// unit) or nothing in the program calls it. Teardown roots and
/// destructions never are.
bool OrdinaryCode::isEntryPoint(const FunctionFact &Fn) const {
  if (isDestructionNode(Fn.Id) || G.isTeardownRoot(Fn.Id))
    return false;
  if (Fn.IsMain)
    return true;
  return (Fn.External || Fn.AddressTaken) &&
         (Mode == AnalysisMode::TranslationUnit || !G.isCalled(Fn.Id));
}

void OrdinaryCode::search() {
  using Visit = std::pair<uint32_t, bool>; // (function, automatic)
  std::deque<Visit> Work;
  std::vector<uint8_t> Seen(G.size()); // Bit 1: plain, bit 2: automatic.
  ReachedFrom.assign(2 * G.size(), NoState);
  auto Add = [&](StringRef Id) {
    std::optional<uint32_t> N = Id.empty() ? std::nullopt : G.find(Id);
    if (!N) { // Calls nothing: still ordinary code.
      if (!Id.empty())
        Ordinary.insert(Id);
      return;
    }
    if (!(Seen[*N] & 1)) {
      Seen[*N] |= 1;
      Work.push_back({*N, false});
    }
  };
  for (const FunctionFact &Fn : G.facts().Functions)
    if (isEntryPoint(Fn))
      Add(Fn.Id);
  // So does what runs at startup: static initializers, constructor
  // functions.
  for (const RootFact &R : G.facts().Roots)
    if (R.Kind == RootKind::StaticInitializer ||
        R.Kind == RootKind::ConstructorFunction)
      Add(R.Function);
  // Thread routines run outside teardown, wherever they are started.
  for (const ThreadStart &T : G.facts().Starts)
    if (!G.isTeardownRoot(T.Routine))
      Add(T.Routine);
  while (!Work.empty()) {
    auto [N, Automatic] = Work.front();
    Work.pop_front();
    StringRef Node = G.id(N);
    if (!Automatic)
      Ordinary.insert(Node);
    for (const Succ &S : G.succ(N)) {
      StringRef T = G.id(S.To);
      if (T.starts_with("V:"))
        continue;
      bool SameObject = isDestruction(S.Edge->Kind) ||
                        (!classOf(Node).empty() && classOf(T) == classOf(Node));
      bool Auto = destroysAnotherInstance(*S.Edge) || (Automatic && SameObject);
      if (!(Seen[S.To] & (Auto ? 2 : 1))) {
        Seen[S.To] |= Auto ? 2 : 1;
        ReachedFrom[2 * S.To + Auto] = 2 * N + Automatic;
        Work.push_back({S.To, Auto});
      }
    }
  }
}

/// A join, or a wait on a thread handle, in ordinary code (not in a static
/// variable's teardown) stops what it waits for.
void OrdinaryCode::findStops() {
  for (const BlockingSite &S : G.facts().Sites)
    if (Ordinary.count(S.Function) &&
        !StringRef(S.Function).starts_with("V:") &&
        G.isThreadWait(S, S.Targets))
      for (const std::string &T : G.sources(S.Targets))
        if (Stopped.insert(T).second)
          StopSite[T] = &S;
}

bool OrdinaryCode::stops(const std::vector<std::string> &Targets) const {
  return any_of(G.sources(Targets),
                [&](const std::string &T) { return Stopped.count(T); });
}

std::vector<uint32_t> OrdinaryCode::pathTo(const BlockingSite &S) const {
  std::vector<uint32_t> Nodes;
  if (std::optional<uint32_t> N = G.find(S.Function))
    for (uint32_t At = 2 * *N; At != NoState && Nodes.size() <= G.size();
         At = ReachedFrom[At])
      Nodes.push_back(At / 2);
  std::reverse(Nodes.begin(), Nodes.end());
  return Nodes;
}

} // namespace shutdown::rules
