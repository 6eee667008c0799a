//===- TeardownSearch.cpp - From teardown roots to blocking sites ---------===//
//
// Of all candidates for a site, from all roots, the best is kept:
// unguarded before guarded, then error before warning, then from DllMain
// before from static teardown, then the shorter path, then by root location
// and name. Severity: from DllMain, the process-exit path is a warning and
// every other path (FreeLibrary, or not known) an error; from static
// teardown, a root in a DLL is an error, anything else a warning.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/rules/TeardownSearch.h"
#include "checkers/model/rules/OrdinaryCode.h"
#include <deque>

using namespace llvm;

namespace shutdown::rules {

void RootSearch::run(function_ref<void(const State &)> Visit) {
  std::optional<uint32_t> RootNode = G.find(R.Function);
  if (!RootNode || !Through[*RootNode])
    return;
  DenseSet<uint64_t> Seen;
  std::deque<State> Work;
  State Start{*RootNode};
  Seen.insert(Start.pack());
  Work.push_back(Start);
  while (!Work.empty()) {
    State S = Work.front();
    Work.pop_front();
    Visit(S);
    // The entry point's first call says how it was entered.
    bool First = S.Node == *RootNode && R.Kind == RootKind::DllEntry;
    for (const Succ &E : G.succ(S.Node)) {
      if (!Through[E.To])
        continue;
      State Next{E.To, S.Guarded || E.Edge->Guarded,
                 First ? E.Edge->Reason : S.Reason,
                 First ? E.Edge->Path : S.Path};
      // An unguarded visit makes a guarded one redundant.
      State Unguarded = Next;
      Unguarded.Guarded = false;
      if (Seen.contains(Next.pack()) || Seen.contains(Unguarded.pack()))
        continue;
      Seen.insert(Next.pack());
      Parent.try_emplace(Next.pack(), S.pack(), E);
      Work.push_back(Next);
    }
  }
}

std::vector<Step> RootSearch::pathTo(const State &S) const {
  std::vector<Step> Path;
  for (auto It = Parent.find(S.pack()); It != Parent.end();
       It = Parent.find(It->second.first))
    Path.push_back({It->second.second.Edge, It->second.second.To});
  std::reverse(Path.begin(), Path.end());
  return Path;
}

/// The site's targets on a path: "P:<site's function>#i" becomes what the
/// path's last call passes as argument i (when the call says).
static std::vector<std::string> bindTargets(const BlockingSite &S,
                                            const std::vector<Step> &Path) {
  if (Path.empty())
    return strings(S.Targets);
  const CallEdge &Call = *Path.back().Edge;
  std::string Prefix = ("P:" + S.Function + "#").str();
  std::vector<std::string> Out;
  for (FactString T : S.Targets) {
    StringRef Index = StringRef(T);
    if (!Index.consume_front(Prefix)) {
      Out.push_back(T.str());
      continue;
    }
    size_t Before = Out.size();
    for (StringRef A : Call.passes().Args)
      if (A.consume_front(Index) && A.consume_front("="))
        Out.push_back(A.str());
    if (Out.size() == Before) // The call does not say: keep the parameter.
      Out.push_back(T.str());
  }
  return Out;
}

/// The DllMain path a helper's parameter selects: Call passes a test of
/// lpvReserved ("0=+": true at process exit) to a parameter that the
/// function's Conds require ("0=1": runs only when it is true).
static DllPath pathFromArgs(const CallEdge &Call, ArrayRef<FactString> Conds) {
  for (StringRef Cond : Conds) {
    auto [Index, Value] = Cond.split('=');
    for (StringRef Arg : Call.passes().PathArgs) {
      auto [ArgIndex, Sign] = Arg.split('=');
      if (ArgIndex == Index)
        return (Sign == "+") == (Value == "1") ? DllPath::ProcessExit
                                               : DllPath::FreeLibrary;
    }
  }
  return DllPath::Unknown;
}

/// Severity and DllMain context of a candidate. A bounded wait is a
/// warning: it stalls, then gives up.
static void classify(Candidate &C) {
  bool Bounded = C.Site->TimeoutMs != Untimed;
  if (C.Root->Kind != RootKind::DllEntry) {
    C.Level = C.Root->InDll && !Bounded ? Severity::Error : Severity::Warning;
    return;
  }
  if (C.Path.empty()) {
    C.Reason = C.Site->Reason;
    C.EntryPath = C.Site->Path;
  } else {
    C.Reason = C.Path.front().Edge->Reason;
    C.EntryPath = C.Path.front().Edge->Path;
    // "Cleanup(lpvReserved != nullptr)" into "if (terminating) return;".
    for (size_t I = 0; I < C.Path.size() && C.EntryPath == DllPath::Unknown;
         ++I)
      C.EntryPath =
          pathFromArgs(*C.Path[I].Edge,
                       I + 1 < C.Path.size()
                           ? ArrayRef(C.Path[I + 1].Edge->passes().ParamConds)
                           : ArrayRef(C.Site->ParamConds));
  }
  C.Level = C.EntryPath == DllPath::ProcessExit || Bounded ? Severity::Warning
                                                           : Severity::Error;
}

/// The instance a path reaches a site on, from its root's.
static Instance instanceOn(const Instances &I, const Candidate &C) {
  Instance On = I.ofRoot(*C.Root);
  for (const Step &St : C.Path)
    On = I.callee(On, *St.Edge);
  return I.ofSite(On, *C.Site);
}

/// The candidates of one root: each join, or wait on a thread handle, at
/// each state the search reaches.
static void searchFrom(const CallGraph &G, const Instances &I,
                       const OrdinaryCode &Ordinary, const RootFact &R,
                       TeardownJoins &Found) {
  auto &Joined = Found.JoinedFrom[&R];
  RootSearch Search(G, R, G.canReachSite());
  Search.run([&](const State &S) {
    ArrayRef<const BlockingSite *> Sites = G.sitesIn(G.id(S.Node));
    if (Sites.empty())
      return;
    std::vector<Step> Path = Search.pathTo(S);
    for (const BlockingSite *Site : Sites) {
      Candidate C;
      C.Root = &R;
      C.Site = Site;
      C.Guarded = S.Guarded || Site->Guarded;
      C.Path = Path;
      C.Targets = bindTargets(*Site, C.Path);
      if (!G.isThreadWait(*Site, C.Targets))
        continue;
      classify(C);
      for (const std::string &T : G.sources(C.Targets))
        Joined.try_emplace(T, Site);
      C.On = instanceOn(I, C);
      judgeStops(C, Ordinary);
      if (C.Verdict == StopVerdict::SafetyNet)
        continue;
      auto Key = std::make_pair(Site, R.Kind == RootKind::DllEntry);
      auto It = Found.Best.find(Key);
      if (It == Found.Best.end() || C.rank() < It->second.rank())
        Found.Best[Key] = std::move(C);
    }
  });
}

TeardownJoins searchTeardown(const CallGraph &G, const Instances &I,
                             const OrdinaryCode &Ordinary,
                             function_ref<bool(const RootFact &)> Follows) {
  TeardownJoins Found;
  for (const RootFact &R : G.facts().Roots)
    if (Follows(R) && !runsAtStartup(R.Kind))
      searchFrom(G, I, Ordinary, R, Found);
  return Found;
}

void judgeStops(Candidate &C, const OrdinaryCode &Ordinary) {
  auto Name = [&](const OrdinaryCode::Stop &S) {
    C.StopName = Ordinary.stopName(S);
  };
  if (const OrdinaryCode::Stop *S = Ordinary.stopOf(C.Targets, C.On)) {
    C.Verdict = C.Guarded ? StopVerdict::SafetyNet : StopVerdict::Unguarded;
    Name(*S);
    return;
  }
  // A DllMain path is reported whatever the API: the loader calls it.
  if (C.Root->Kind != RootKind::DllEntry)
    if (const OrdinaryCode::Stop *S = Ordinary.apiStopOf(C.Targets, C.On)) {
      C.Verdict = C.Guarded && Ordinary.isContract(*S) ? StopVerdict::Contract
                                                       : StopVerdict::Uncalled;
      Name(*S);
      return;
    }
  if (const OrdinaryCode::Stop *S = Ordinary.anyStopOf(C.Targets)) {
    Name(*S);
    if (!C.StopName.empty()) {
      C.Verdict = StopVerdict::OtherInstances;
      return;
    }
  }
  C.Verdict = StopVerdict::NoStop;
}

} // namespace shutdown::rules
