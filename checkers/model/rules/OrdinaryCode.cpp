//===- OrdinaryCode.cpp - What runs outside teardown, and its stops -------===//

#include "checkers/model/rules/OrdinaryCode.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>

using namespace llvm;

namespace shutdown::rules {

/// One breadth-first search over (function, instance) states, from a set
/// of entries; the stops it meets, by thread key.
struct OrdinaryCode::Search {
  struct At {
    uint32_t Node;
    Instance On;
    uint32_t From; ///< The state it was first reached from; itself at an entry.
  };
  std::vector<At> States;
  DenseMap<uint64_t, uint32_t> Seen;
  std::vector<uint8_t> PerNode; ///< Instances seen of each node (capped).
  StringMap<std::vector<Stop>> Stops;
};

namespace {

/// A function sees at most this many distinct instances; more are one
/// unknown instance, which keeps the search linear in the graph.
constexpr uint8_t MaxInstances = 8;
/// Stops kept for one thread key.
constexpr size_t MaxStopsPerKey = 16;

} // namespace

OrdinaryCode::OrdinaryCode(const CallGraph &G, const Instances &I,
                           AnalysisMode Mode)
    : G(G), I(I), OrdinaryNodes(G.size(), false),
      Entries(std::make_unique<Search>()), Api(std::make_unique<Search>()) {
  const TUFacts &F = G.facts();
  // A DLL without its host is a library: the host calls its API.
  bool Main = any_of(F.Functions, [](const FunctionFact &Fn) {
    return Fn.IsMain && !Fn.Dependency;
  });
  if (Mode == AnalysisMode::TranslationUnit)
    Kind = Main ? Scope::Program : Scope::Unit;
  else
    Kind = Main ? Scope::Program : Scope::Library;
  for (const LookupFact &L : F.Lookups)
    LookedUp.insert(L.Name);
  for (const ThreadStart &T : F.Starts)
    if (!T.Function.empty())
      StartedIn[T.Target].push_back(T.Function);
  for (const CallEdge &E : F.Calls)
    if (!G.sitesIn(E.Callee).empty())
      CallersOf[E.Callee].push_back(E.Caller);

  std::vector<std::pair<uint32_t, Instance>> Starts, ApiStarts;
  for (const FunctionFact &Fn : F.Functions) {
    uint32_t N = G.node(Fn);
    if (isEntryPoint(Fn))
      Starts.push_back({N, Fn.IsMain ? NoInstance : UnknownInstance});
    else if (isApi(Fn)) {
      ApiStarts.push_back({N, UnknownInstance});
      if (Fn.Dependency)
        DependencyApi.insert(N);
    }
  }
  // So does what runs at startup: static initializers, constructor
  // functions.
  for (const RootFact &R : F.Roots)
    if (R.Kind == RootKind::StaticInitializer ||
        R.Kind == RootKind::ConstructorFunction) {
      if (std::optional<uint32_t> N = G.find(R.Function))
        Starts.push_back({*N, UnknownInstance});
      else
        OrdinaryIds.insert(R.Function); // In no call: no node.
    }
  // Thread routines run outside teardown, wherever they are started.
  for (const ThreadStart &T : F.Starts)
    if (!T.Routine.empty() && !G.isTeardownRoot(T.Routine)) {
      if (std::optional<uint32_t> N = G.find(T.Routine))
        Starts.push_back({*N, UnknownInstance});
      else
        OrdinaryIds.insert(T.Routine);
    }
  run(*Entries, Starts, /*Api=*/false);
  run(*Api, ApiStarts, /*Api=*/true);
}

OrdinaryCode::~OrdinaryCode() = default;

bool OrdinaryCode::isEntryPoint(const FunctionFact &Fn) const {
  if (isDestructionNode(Fn.Id) || G.isTeardownRoot(Fn.Id) || Fn.Dependency)
    return false;
  if (Fn.IsMain)
    return true;
  bool Uncalled = !G.isCalled(G.node(Fn));
  if (Fn.AddressTaken && (Kind == Scope::Unit || Uncalled))
    return true;
  if (Fn.ExternC && LookedUp.count(Fn.Name))
    return true;
  switch (Kind) {
  case Scope::Unit:
    return Fn.External;
  case Scope::Program:
    return Fn.Exported;
  case Scope::Library:
    return false;
  }
  return false;
}

/// Whether a function named "ns::C<T>::C" is a constructor of its class.
static bool isConstructorName(StringRef Name) {
  auto [Scope, Last] = Name.rsplit("::");
  if (Last.empty() || Scope == Name)
    return false;
  StringRef Class = Scope.take_until([](char C) { return C == '<'; });
  size_t Sep = Class.rfind("::");
  if (Sep != StringRef::npos)
    Class = Class.drop_front(Sep + 2);
  return Class == Last;
}

/// A public function nothing calls: the program could call it.
bool OrdinaryCode::isApi(const FunctionFact &Fn) const {
  // A program entry (a dependency's main, say) is nobody's API: no code
  // calls it, so it is never the stop a finding names. Nor is a
  // constructor: a join it reaches ends a thread of the object it builds
  // (its rollback), never one of an object that exists already.
  return !Fn.IsMain && !Fn.IsDllEntry && !isConstructorName(Fn.Name) &&
         !isDestructionNode(Fn.Id) && !G.isTeardownRoot(Fn.Id) &&
         (Fn.External || Fn.Exported) && !G.isCalled(G.node(Fn));
}

bool OrdinaryCode::isRollback(const BlockingSite &S) const {
  SmallVector<StringRef, 4> Starters;
  for (const std::string &K : G.sources(strings(S.Targets)))
    if (auto It = StartedIn.find(K); It != StartedIn.end())
      append_range(Starters, It->second);
  if (Starters.empty())
    return false;
  if (is_contained(Starters, S.Function))
    return true;
  auto It = CallersOf.find(S.Function);
  return It != CallersOf.end() && !It->second.empty() &&
         all_of(It->second,
                [&](StringRef C) { return is_contained(Starters, C); });
}

void OrdinaryCode::run(Search &S,
                       ArrayRef<std::pair<uint32_t, Instance>> Starts,
                       bool IsApi) {
  S.PerNode.assign(G.size(), 0);
  std::deque<uint32_t> Work;
  // What each site stops: its keys, none for a rollback or a wait on no
  // thread.
  DenseMap<const BlockingSite *, std::vector<std::string>> Keys;
  auto Visit = [&](uint32_t Node, Instance On, uint32_t From) {
    uint64_t Key = uint64_t(Node) << 32 | On;
    if (S.Seen.count(Key))
      return;
    if (S.PerNode[Node] >= MaxInstances && On != UnknownInstance) {
      On = UnknownInstance;
      Key = uint64_t(Node) << 32 | On;
      if (S.Seen.count(Key))
        return;
    }
    ++S.PerNode[Node];
    uint32_t Index = S.States.size();
    S.Seen[Key] = Index;
    S.States.push_back({Node, On, From == ~0u ? Index : From});
    Work.push_back(Index);
  };
  for (auto [Node, On] : Starts)
    Visit(Node, On, ~0u);
  while (!Work.empty()) {
    uint32_t Index = Work.front();
    Work.pop_front();
    Search::At At = S.States[Index];
    StringRef Node = G.id(At.Node);
    if (!IsApi && At.On != OtherInstance)
      OrdinaryNodes[At.Node] = true;
    // A join in ordinary code (not in a static variable's teardown) stops
    // what it waits for, on its instance.
    if (!Node.starts_with("V:"))
      for (const BlockingSite *Site : G.sitesIn(At.Node)) {
        auto [It, New] = Keys.try_emplace(Site);
        if (New) {
          std::vector<std::string> Targets = strings(Site->Targets);
          if (G.isThreadWait(*Site, Targets) && !isRollback(*Site))
            It->second = G.sources(Targets);
        }
        Instance On = I.ofSite(At.On, *Site);
        for (const std::string &K : It->second) {
          std::vector<Stop> &Found = S.Stops[K];
          if (Found.size() < MaxStopsPerKey &&
              none_of(Found, [&](const Stop &X) { return X.On == On; }))
            Found.push_back({Site, On, Index, IsApi});
        }
      }
    for (const Succ &E : G.succ(At.Node)) {
      if (G.id(E.To).starts_with("V:"))
        continue;
      Visit(E.To, I.callee(At.On, *E.Edge), Index);
    }
  }
}

const OrdinaryCode::Stop *
OrdinaryCode::find(const Search &S, const std::vector<std::string> &Targets,
                   std::optional<Instance> On) const {
  for (const std::string &K : G.sources(Targets)) {
    auto It = S.Stops.find(K);
    if (It == S.Stops.end())
      continue;
    for (const Stop &X : It->second)
      if (!On || Instances::stops(X.On, *On))
        return &X;
  }
  return nullptr;
}

const OrdinaryCode::Stop *
OrdinaryCode::stopOf(const std::vector<std::string> &Targets,
                     Instance On) const {
  return find(*Entries, Targets, On);
}

const OrdinaryCode::Stop *
OrdinaryCode::apiStopOf(const std::vector<std::string> &Targets,
                        Instance On) const {
  // A contract of the project's own API first.
  const Stop *Any = nullptr;
  for (const std::string &K : G.sources(Targets)) {
    auto It = Api->Stops.find(K);
    if (It == Api->Stops.end())
      continue;
    for (const Stop &X : It->second)
      if (Instances::stops(X.On, On)) {
        if (isContract(X))
          return &X;
        if (!Any)
          Any = &X;
      }
  }
  return Any;
}

const OrdinaryCode::Stop *
OrdinaryCode::anyStopOf(const std::vector<std::string> &Targets) const {
  return find(*Entries, Targets, std::nullopt);
}

std::vector<uint32_t> OrdinaryCode::path(const Stop &S) const {
  const Search &In = S.Api ? *Api : *Entries;
  std::vector<uint32_t> States;
  for (uint32_t At = S.State; States.size() <= In.States.size();
       At = In.States[At].From) {
    States.push_back(At);
    if (In.States[At].From == At)
      break;
  }
  std::reverse(States.begin(), States.end());
  return States;
}

bool OrdinaryCode::isContract(const Stop &S) const {
  if (!S.Api || Kind != Scope::Library)
    return false;
  return !DependencyApi.count(Api->States[path(S).front()].Node);
}

std::string OrdinaryCode::stopName(const Stop &S) const {
  const Search &In = S.Api ? *Api : *Entries;
  std::vector<uint32_t> P = path(S);
  if (S.Api)
    return G.nameOf(G.id(In.States[P.front()].Node));
  // The call that moves onto the stopped object; destroying it (a local
  // going out of scope) is no stop to call.
  for (uint32_t At : P)
    if (In.States[At].On == S.On) {
      StringRef Node = G.id(In.States[At].Node);
      return isDestructionNode(Node) ? "" : G.nameOf(Node);
    }
  return "";
}

std::string OrdinaryCode::chain(const Stop &S) const {
  const Search &In = S.Api ? *Api : *Entries;
  std::string Out;
  for (uint32_t At : path(S))
    Out += G.nameOf(G.id(In.States[At].Node)) + " -> ";
  return Out + S.Site->Callee.str() + "(" + S.Site->TargetText.str() + ")";
}

} // namespace shutdown::rules
