//===- Rules.cpp - From teardown facts to findings ------------------------===//
//
// 1. Index the facts: out-edges, overriders, sites per function, the keys
//    that hold thread handles (thread starts, then copies to a fixpoint).
// 2. Ordinary code: everything reachable from main, static initialization,
//    thread bodies and entry points no one in the facts calls (in TU mode:
//    every externally callable function). An explicit stop is a join or
//    thread wait in ordinary code that is not a destructor.
// 3. From every teardown root, a breadth-first search over (function,
//    guarded) states, through functions that can reach a blocking site at
//    all (one backward pass over the graph finds them, so that thousands
//    of roots do not each walk the whole program); the first unguarded path
//    to a site wins over guarded ones. A guarded path to a thread that an
//    explicit stop also joins is the safety net, and clean.
// 4. The singleton rule: a class destroyed by a static whose thread members
//    are joined from its teardown and by no explicit stop.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Rules.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <deque>
#include <map>
#include <set>

using namespace llvm;

namespace shutdown {

namespace {

bool isDestructionNode(StringRef Id) {
  return Id.starts_with("D:") || Id.starts_with("V:");
}

StringRef reasonName(DllReason R) {
  switch (R) {
  case DllReason::ProcessDetach:
    return "DLL_PROCESS_DETACH";
  case DllReason::ProcessAttach:
    return "DLL_PROCESS_ATTACH";
  case DllReason::ThreadAttach:
    return "DLL_THREAD_ATTACH";
  case DllReason::ThreadDetach:
    return "DLL_THREAD_DETACH";
  case DllReason::Any:
    break;
  }
  return "";
}

/// One step of a path: the edge taken and the function it led to (an
/// override of the edge's callee for a virtual call).
struct Step {
  const CallEdge *Edge;
  std::string To;
};

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
  static State unpack(uint64_t V) {
    return {static_cast<uint32_t>(V >> 8), bool(V >> 7 & 1),
            static_cast<DllReason>(static_cast<int>(V >> 2 & 31) - 1),
            static_cast<DllPath>(V & 3)};
  }
};

/// An edge of the call graph after dispatch: a virtual call has one per
/// function it may reach.
struct Succ {
  const CallEdge *Edge;
  uint32_t To;
};

/// The best way found from a root to one blocking site.
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

  /// Lower is better: unguarded first, then errors, then DllMain, then short.
  auto rank() const {
    return std::make_tuple(Guarded, Level != Severity::Error,
                           Root->Kind != RootKind::DllEntry, Path.size(),
                           Root->Loc, Root->Name);
  }
};

class Analysis {
public:
  /// FollowIntentional: also start from variables and go through classes
  /// marked intentional (to find what their annotations silence).
  Analysis(const TUFacts &F, AnalysisMode Mode, bool FollowIntentional)
      : F(F), Mode(Mode), FollowIntentional(FollowIntentional) {
    index();
    computeOrdinary();
  }

  Hazards run() {
    std::map<const BlockingSite *, Candidate> Best;
    for (const RootFact &R : F.Roots)
      if (follows(R))
        searchFrom(R, Best);
    Hazards H;
    std::vector<Finding> &Out = H.Findings;
    for (auto &[Site, C] : Best)
      if (!(C.Guarded && hasExplicitStop(C.Targets)))
        Out.push_back(report(C));
    singletons(Out, H.Owners);
    llvm::sort(Out, [](const Finding &A, const Finding &B) {
      return std::tie(A.Loc, A.Rule, A.Message) <
             std::tie(B.Loc, B.Rule, B.Message);
    });
    llvm::sort(H.Owners, [](const ThreadOwner &A, const ThreadOwner &B) {
      return std::tie(A.Loc, A.Object, A.Thread, A.Class) <
             std::tie(B.Loc, B.Object, B.Thread, B.Class);
    });
    H.Owners.erase(
        std::unique(H.Owners.begin(), H.Owners.end(),
                    [](const ThreadOwner &A, const ThreadOwner &B) {
                      return std::tie(A.Loc, A.Object, A.Thread, A.Class) ==
                             std::tie(B.Loc, B.Object, B.Thread, B.Class);
                    }),
        H.Owners.end());
    return H;
  }

private:
  // ---- Index -----------------------------------------------------------

  void index() {
    for (const FunctionFact &Fn : F.Functions)
      Funcs[Fn.Id] = &Fn;
    for (const ClassFact &C : F.Classes)
      Classes["D:" + C.Id] = &C;
    for (const CallEdge &E : F.Calls)
      if (E.Caller != E.Callee)
        ++InDegree[E.Callee];
    for (const OverrideFact &O : F.Overrides)
      Overriders[O.Base].push_back(O.Overrider);
    for (const CallEdge &E : F.Calls) {
      if (E.Intentional && !FollowIntentional)
        continue;
      uint32_t From = node(E.Caller);
      for (const std::string &To : dispatch(E)) {
        uint32_t T = node(To);
        Out[From].push_back({&E, T});
      }
    }
    for (const BlockingSite &S : F.Sites)
      SitesIn[S.Function].push_back(&S);
    for (const ThreadField &T : F.Fields)
      FieldsOf["D:" + T.Class].push_back(&T);
    for (const ThreadStart &T : F.Starts) {
      StartsOf[T.Target].push_back(&T);
      ThreadKeys.insert(T.Target);
      if (T.Handle)
        ThreadHandles.insert(T.Target);
    }
    for (const HandleCopy &C : F.Copies)
      CopiesTo[C.To].push_back(C.From);
    // A handle copied from a thread handle is a thread handle.
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const HandleCopy &C : F.Copies) {
        if (ThreadHandles.count(C.From) && ThreadHandles.insert(C.To).second)
          Changed = true;
        if (ThreadKeys.count(C.From) && ThreadKeys.insert(C.To).second)
          Changed = true;
      }
    }
    for (const RootFact &R : F.Roots) {
      TeardownRoots.insert(R.Function);
      node(R.Function);
    }
    for (const BlockingSite &S : F.Sites)
      node(S.Function);
    computeCanReachSite();
  }

  /// The node number of a function id, numbered on first sight.
  uint32_t node(StringRef Id) {
    auto [It, New] = NodeIds.try_emplace(Id, Names.size());
    if (New) {
      Names.push_back(It->first());
      Out.emplace_back();
    }
    return It->second;
  }
  std::optional<uint32_t> findNode(StringRef Id) const {
    auto It = NodeIds.find(Id);
    if (It == NodeIds.end())
      return std::nullopt;
    return It->second;
  }
  ArrayRef<Succ> succ(StringRef Id) const {
    std::optional<uint32_t> N = findNode(Id);
    return N ? ArrayRef<Succ>(Out[*N]) : ArrayRef<Succ>();
  }

  /// Which functions can reach a blocking site at all, by any path.
  void computeCanReachSite() {
    std::vector<std::vector<uint32_t>> In(Names.size());
    for (uint32_t From = 0; From < Out.size(); ++From)
      for (const Succ &S : Out[From])
        In[S.To].push_back(From);
    CanReachSite.assign(Names.size(), false);
    std::vector<uint32_t> Work;
    for (const BlockingSite &S : F.Sites)
      if (std::optional<uint32_t> N = findNode(S.Function);
          N && !CanReachSite[*N]) {
        CanReachSite[*N] = true;
        Work.push_back(*N);
      }
    while (!Work.empty()) {
      uint32_t N = Work.back();
      Work.pop_back();
      for (uint32_t P : In[N])
        if (!CanReachSite[P]) {
          CanReachSite[P] = true;
          Work.push_back(P);
        }
    }
  }

  /// The functions a call to Callee may run: itself and, for a virtual
  /// call, every override below it.
  std::vector<std::string> dispatch(const CallEdge &E) {
    std::vector<std::string> R{E.Callee};
    if (E.Kind != EdgeKind::VirtualCall && E.Kind != EdgeKind::DestroysPointee)
      return R;
    for (size_t I = 0; I < R.size(); ++I)
      for (const std::string &O : Overriders.lookup(R[I]))
        if (!is_contained(R, O))
          R.push_back(O);
    return R;
  }

  bool isThreadWait(const BlockingSite &S,
                    const std::vector<std::string> &Targets) const {
    if (S.Prim != Primitive::Win32Wait)
      return true;
    return S.KnownThreadHandle ||
           any_of(sources(Targets),
                  [&](const std::string &T) { return ThreadHandles.count(T); });
  }

  /// The site's targets on a path: "P:<site's function>#i" becomes what the
  /// path's last call passes as argument i (when the call says).
  static std::vector<std::string> bind(const BlockingSite &S,
                                       const std::vector<Step> &Path) {
    if (Path.empty())
      return S.Targets;
    const CallEdge &Call = *Path.back().Edge;
    std::string Prefix = "P:" + S.Function + "#";
    std::vector<std::string> Out;
    for (const std::string &T : S.Targets) {
      StringRef Index = StringRef(T);
      if (!Index.consume_front(Prefix)) {
        Out.push_back(T);
        continue;
      }
      size_t Before = Out.size();
      for (StringRef A : Call.Args)
        if (A.consume_front(Index) && A.consume_front("="))
          Out.push_back(A.str());
      if (Out.size() == Before) // The call does not say: keep the parameter.
        Out.push_back(T);
    }
    return Out;
  }

  // ---- Ordinary code ---------------------------------------------------

  /// The class whose member a node is: "D:<class>" or "<class>@F@name".
  static StringRef classOf(StringRef Id) {
    if (Id.consume_front("D:"))
      return Id;
    size_t At = Id.rfind("@F@");
    return At == StringRef::npos ? StringRef() : Id.take_front(At);
  }

  /// Ordinary code is searched over (function, automatic) states. Destroying
  /// a local or a temporary runs its destructor on another instance than
  /// the static one, so that destructor and the members it calls on itself
  /// are not an explicit stop (a thread member is matched by declaration,
  /// not by instance); what it calls on other objects (a guard object's
  /// destructor calling Worker::instance().stop()) is. "delete p" and
  /// "p.reset()" destroy the very object, and are.
  void computeOrdinary() {
    using Visit = std::pair<uint32_t, bool>; // (function, automatic)
    std::deque<Visit> Work;
    std::vector<uint8_t> Seen(Names.size()); // Bit 1: plain, bit 2: automatic.
    // The state each state was first reached from (2 * node + automatic),
    // to tell how ordinary code reaches an explicit stop.
    ReachedFrom.assign(2 * Names.size(), NoState);
    auto Add = [&](StringRef Id, bool Automatic) {
      std::optional<uint32_t> N = Id.empty() ? std::nullopt : findNode(Id);
      if (!N) { // Calls nothing: still ordinary code when not automatic.
        if (!Id.empty() && !Automatic)
          Ordinary.insert(Id);
        return;
      }
      uint8_t Bit = Automatic ? 2 : 1;
      if (!(Seen[*N] & Bit)) {
        Seen[*N] |= Bit;
        Work.push_back({*N, Automatic});
      }
    };
    for (const FunctionFact &Fn : F.Functions) {
      if (isDestructionNode(Fn.Id) || TeardownRoots.count(Fn.Id))
        continue;
      bool Entry =
          (Fn.External || Fn.AddressTaken) &&
          (Mode == AnalysisMode::TranslationUnit || !InDegree.count(Fn.Id));
      if (Fn.IsMain || Entry)
        Add(Fn.Id, false);
    }
    for (const ThreadStart &T : F.Starts)
      if (!TeardownRoots.count(T.Routine))
        Add(T.Routine, false);
    while (!Work.empty()) {
      auto [N, Automatic] = Work.front();
      Work.pop_front();
      StringRef Node = Names[N];
      if (!Automatic)
        Ordinary.insert(Node);
      for (const Succ &S : Out[N]) {
        const CallEdge *E = S.Edge;
        StringRef T = Names[S.To];
        if (T.starts_with("V:"))
          continue;
        bool Local =
            isDestruction(E->Kind) &&
            (StringRef(E->Via).starts_with("local ") || E->Via == "temporary");
        bool SameObject =
            isDestruction(E->Kind) ||
            (!classOf(Node).empty() && classOf(T) == classOf(Node));
        bool Auto = Local || (Automatic && SameObject);
        if (!(Seen[S.To] & (Auto ? 2 : 1))) {
          Seen[S.To] |= Auto ? 2 : 1;
          ReachedFrom[2 * S.To + Auto] = 2 * N + Automatic;
          Work.push_back({S.To, Auto});
        }
      }
    }
    for (const BlockingSite &S : F.Sites)
      if (Ordinary.count(S.Function) &&
          !StringRef(S.Function).starts_with("V:") &&
          isThreadWait(S, S.Targets))
        for (const std::string &T : sources(S.Targets))
          if (StoppedByOrdinaryCode.insert(T).second)
            StopSite[T] = &S;
  }

  /// How ordinary code reaches an explicit stop: "main -> Pool::stop ->
  /// std::thread::join(t)", from the entry point the search met first.
  std::string stopChain(const BlockingSite &S) const {
    std::vector<uint32_t> Nodes;
    if (std::optional<uint32_t> N = findNode(S.Function))
      for (uint32_t At = 2 * *N; At != NoState && Nodes.size() <= Names.size();
           At = ReachedFrom[At])
        Nodes.push_back(At / 2);
    std::string Chain;
    for (uint32_t N : reverse(Nodes))
      Chain += nameOf(Names[N].str()) + " -> ";
    if (Nodes.empty())
      Chain += nameOf(S.Function) + " -> ";
    return Chain + S.Callee + "(" + S.TargetText + ")";
  }

  /// Targets and every variable, member or parameter their value was
  /// copied or passed from: a helper's parameter stands for what its
  /// callers pass.
  std::vector<std::string>
  sources(const std::vector<std::string> &Targets) const {
    std::vector<std::string> Keys(Targets.begin(), Targets.end());
    for (size_t I = 0; I < Keys.size() && I < 256; ++I)
      for (const std::string &From : CopiesTo.lookup(Keys[I]))
        if (!is_contained(Keys, From))
          Keys.push_back(From);
    return Keys;
  }

  bool hasExplicitStop(const std::vector<std::string> &Targets) const {
    return any_of(sources(Targets), [&](const std::string &T) {
      return StoppedByOrdinaryCode.count(T);
    });
  }

  // ---- Search from a teardown root ---------------------------------------

  void searchFrom(const RootFact &R,
                  std::map<const BlockingSite *, Candidate> &Best) {
    std::optional<uint32_t> RootNode = findNode(R.Function);
    auto &Joined = JoinedFrom[&R];
    if (!RootNode || !CanReachSite[*RootNode])
      return;
    DenseMap<uint64_t, std::pair<uint64_t, Succ>> Parent;
    DenseSet<uint64_t> Seen;
    std::deque<State> Work;
    State Start{*RootNode};
    Seen.insert(Start.pack());
    Work.push_back(Start);
    while (!Work.empty()) {
      State S = Work.front();
      Work.pop_front();
      for (const BlockingSite *Site : SitesIn.lookup(Names[S.Node])) {
        Candidate C;
        C.Root = &R;
        C.Site = Site;
        C.Guarded = S.Guarded || Site->Guarded;
        for (auto It = Parent.find(S.pack()); It != Parent.end();
             It = Parent.find(It->second.first))
          C.Path.push_back(
              {It->second.second.Edge, Names[It->second.second.To].str()});
        std::reverse(C.Path.begin(), C.Path.end());
        C.Targets = bind(*Site, C.Path);
        if (!isThreadWait(*Site, C.Targets))
          continue;
        classify(C);
        for (const std::string &T : sources(C.Targets))
          Joined.try_emplace(T, Site);
        auto It = Best.find(Site);
        if (It == Best.end() || C.rank() < It->second.rank())
          Best[Site] = std::move(C);
      }
      bool First = S.Node == *RootNode && R.Kind == RootKind::DllEntry;
      for (const Succ &E : Out[S.Node]) {
        if (!CanReachSite[E.To])
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

  /// Severity and DllMain context of a candidate.
  void classify(Candidate &C) {
    if (C.Root->Kind != RootKind::DllEntry) {
      C.Level = C.Root->InDll ? Severity::Error : Severity::Warning;
      return;
    }
    if (C.Path.empty()) {
      C.Reason = C.Site->Reason;
      C.EntryPath = C.Site->Path;
    } else {
      C.Reason = C.Path.front().Edge->Reason;
      C.EntryPath = C.Path.front().Edge->Path;
    }
    C.Level = C.EntryPath == DllPath::ProcessExit ? Severity::Warning
                                                  : Severity::Error;
  }

  // ---- Reporting --------------------------------------------------------

  std::string nameOf(const std::string &Id) const {
    if (const FunctionFact *Fn = Funcs.lookup(Id); Fn && !Fn->Name.empty())
      return Fn->Name;
    if (const ClassFact *C = Classes.lookup(Id))
      return destructorName(C->Name);
    return Id;
  }

  std::string className(const std::string &DtorId) const {
    if (const ClassFact *C = Classes.lookup(DtorId))
      return C->Name;
    return nameOf(DtorId);
  }

  static std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

  std::string entryContext(const Candidate &C) const {
    std::string S = reasonName(C.Reason).str();
    if (C.EntryPath == DllPath::FreeLibrary)
      S += S.empty() ? "FreeLibrary" : ", FreeLibrary";
    else if (C.EntryPath == DllPath::ProcessExit)
      S += S.empty() ? "process exit" : ", process exit";
    return S;
  }

  static std::string action(const BlockingSite &S) {
    switch (S.Prim) {
    case Primitive::JoiningDtor:
      return "destroying " + S.TargetText + " ('" +
             S.Callee.substr(0, S.Callee.rfind("::")) + "') joins its thread";
    case Primitive::Win32Wait:
      return quoted(S.Callee) + " waits on thread handle " +
             quoted(S.TargetText);
    case Primitive::Join:
    case Primitive::JoinFunction:
      break;
    }
    return quoted(S.Callee) + " waits for thread " + quoted(S.TargetText);
  }

  Finding report(const Candidate &C) {
    const RootFact &R = *C.Root;
    const BlockingSite &S = *C.Site;
    Finding Out;
    Out.Level = C.Level;
    Out.Loc = S.Loc;
    std::string Act = action(S);
    if (R.Kind == RootKind::DllEntry) {
      Out.Rule = RuleKind::JoinInDllMain;
      std::string Ctx = entryContext(C);
      std::string Where =
          "inside " + quoted(R.Name) + (Ctx.empty() ? "" : " (" + Ctx + ")");
      if (C.EntryPath == DllPath::ProcessExit)
        Out.Message = Act + " " + Where +
                      ": at process exit the other threads are already "
                      "terminated, so the wait cannot tell whether its thread "
                      "finished its work";
      else
        Out.Message = Act + " " + Where +
                      " while the loader lock is held; the thread needs that "
                      "lock to exit: deadlock";
    } else {
      Out.Rule = S.Prim == Primitive::Win32Wait
                     ? RuleKind::WaitThreadHandleInTeardown
                     : RuleKind::JoinInTeardown;
      if (R.InDll)
        Out.Message = Act +
                      " during static teardown of a DLL, inside "
                      "DllMain(DLL_PROCESS_DETACH) under the loader lock; the "
                      "thread needs that lock to exit: deadlock on FreeLibrary";
      else
        Out.Message = Act + " during static teardown; exit hangs if the thread "
                            "does not finish, and the thread may still use "
                            "objects already destroyed";
    }

    Out.Notes.push_back({R.Loc, rootNote(R)});
    std::string Chain = rootLabel(R, C);
    Out.Chain.push_back(R.Function);
    for (const Step &St : C.Path) {
      Out.Chain.push_back(St.To);
      Chain += " -> " + nameOf(St.To);
      if (std::string N = stepNote(R, St, &St == &C.Path.front()); !N.empty())
        Out.Notes.push_back({St.Edge->Loc, N});
    }
    if (C.Path.empty() && R.Kind == RootKind::StaticDestructor)
      Chain += " -> " + S.Callee;
    else
      Chain += " -> " + S.Callee + "(" + S.TargetText + ")";
    Out.ChainText = Chain;
    Out.Callee = S.Callee;
    Out.Targets = C.Targets;
    if (const ThreadStart *T = startOf(C.Targets)) {
      Out.Notes.push_back({T->Loc, startNote("the waited thread", *T)});
      Out.ThreadLoc = T->Loc;
      Out.ThreadCreator = T->Creator;
      Out.ThreadRoutine = T->RoutineName;
    }
    return Out;
  }

  std::string rootNote(const RootFact &R) const {
    switch (R.Kind) {
    case RootKind::StaticDestructor:
      return R.InDll ? quoted(R.Name) +
                           " has static storage: it is destroyed when the DLL "
                           "is unloaded, inside DllMain(DLL_PROCESS_DETACH) "
                           "under the loader lock"
                     : quoted(R.Name) +
                           " has static storage: it is destroyed at exit";
    case RootKind::AtExit: {
      bool Quick = StringRef(R.Registrar).contains("quick_exit");
      return quoted(R.Name) + " is registered with " + quoted(R.Registrar) +
             " here" +
             (Quick     ? ": it runs when the program calls quick_exit"
              : R.InDll ? ": in a DLL it runs at unload, under the loader lock"
                        : ": it runs at exit");
    }
    case RootKind::DestructorFunction:
      return quoted(R.Name) +
             " is a destructor function: it runs at exit or when its library "
             "is unloaded" +
             (R.InDll ? ", under the loader lock" : "");
    case RootKind::DllEntry:
      return quoted(R.Name) +
             " is a DLL entry point: the loader calls it holding the loader "
             "lock";
    }
    return "";
  }

  std::string rootLabel(const RootFact &R, const Candidate &C) const {
    switch (R.Kind) {
    case RootKind::StaticDestructor:
      return (R.InDll ? "DllMain(DLL_PROCESS_DETACH) -> static destructors -> "
                      : "exit -> static destructors -> ") +
             quoted(R.Name);
    case RootKind::AtExit:
      return (R.InDll ? "DllMain(DLL_PROCESS_DETACH) -> " : "exit -> ") +
             R.Registrar + " handler " + quoted(R.Name);
    case RootKind::DestructorFunction:
      return "destructor function " + quoted(R.Name);
    case RootKind::DllEntry: {
      std::string Ctx = entryContext(C);
      return R.Name + "(" + Ctx + ")";
    }
    }
    return R.Name;
  }

  std::string stepNote(const RootFact &R, const Step &St, bool First) const {
    const CallEdge &E = *St.Edge;
    std::string Caller = quoted(nameOf(E.Caller));
    switch (E.Kind) {
    case EdgeKind::Destroys:
    case EdgeKind::DestroysPointee: {
      std::string Dynamic = St.To != E.Callee ? ", whose dynamic type may be " +
                                                    quoted(className(St.To))
                                              : std::string();
      if (StringRef(E.Caller).starts_with("V:"))
        return Dynamic.empty() ? std::string() // Said by the root note.
                               : quoted(nameOf(E.Caller)) + " destroys its " +
                                     quoted(className(E.Callee)) + Dynamic;
      if (E.Via == "delete")
        return Caller + " deletes an object of type " +
               quoted(className(E.Callee)) + " here" + Dynamic;
      return Caller + " destroys " + E.Via + " of type " +
             quoted(className(E.Callee)) + Dynamic;
    }
    case EdgeKind::VirtualCall:
      if (St.To != E.Callee)
        return Caller + " calls " + quoted(nameOf(E.Callee)) +
               " here, which may dispatch to " + quoted(nameOf(St.To));
      break;
    case EdgeKind::Call:
      break;
    }
    if (E.Via == "delete")
      return Caller + " deletes an object of type " + quoted(className(St.To)) +
             " here";
    std::string N = Caller + " calls " + quoted(nameOf(St.To)) + " here";
    if (First && R.Kind == RootKind::DllEntry && E.Reason != DllReason::Any)
      N += " (" + reasonName(E.Reason).str() + ")";
    return N;
  }

  static std::string startNote(const std::string &What, const ThreadStart &T) {
    if (T.Routine.empty())
      return What + " comes from " + quoted(T.Creator) + " here";
    return What + " is started here by " + quoted(T.Creator) + ", running " +
           quoted(T.RoutineName);
  }

  /// Where a thread waited for through one of Targets was started, following
  /// handle copies back to their source.
  const ThreadStart *startOf(const std::vector<std::string> &Targets) const {
    for (const std::string &K : sources(Targets))
      if (auto It = StartsOf.find(K); It != StartsOf.end())
        return It->second.front();
    return nullptr;
  }

  // ---- The singleton rule ----------------------------------------------

  void singletons(std::vector<Finding> &Out,
                  std::vector<ThreadOwner> &Inventory) {
    struct Owner {
      std::vector<const RootFact *> Instances;
      std::vector<std::pair<const ThreadField *, const BlockingSite *>> Threads;
    };
    std::map<std::string, Owner> Owners; // By class node, for determinism.
    // A thread that another teardown root joins (an atexit handler, another
    // static's destructor, DllMain) also stops only during teardown.
    std::map<std::string, const BlockingSite *> JoinedInTeardown;
    for (const RootFact &R : F.Roots)
      if (auto It = JoinedFrom.find(&R); It != JoinedFrom.end())
        for (const auto &[Key, Site] : It->second)
          JoinedInTeardown.try_emplace(Key, Site);
    for (const RootFact &R : F.Roots) {
      if (!follows(R))
        continue;
      if (R.Kind != RootKind::StaticDestructor)
        continue;
      const auto &Own = JoinedFrom[&R];
      // A static unique_ptr<Base> may own a Derived: each is an owner.
      for (const Succ &Direct : succ(R.Function)) {
        if (!isDestruction(Direct.Edge->Kind))
          continue;
        {
          std::string Class = Names[Direct.To].str();
          Owner O;
          for (const std::string &Node : ownedFrom(Class))
            for (const ThreadField *T : FieldsOf.lookup(Node)) {
              if (!T->ThreadObject && !ThreadKeys.count(T->Id))
                continue;
              // Its own destructor's join first: the chain users expect.
              const BlockingSite *Joined = nullptr;
              if (auto It = Own.find(T->Id); It != Own.end())
                Joined = It->second;
              else if (auto Any = JoinedInTeardown.find(T->Id);
                       Any != JoinedInTeardown.end())
                Joined = Any->second;
              ThreadOwner &I = Inventory.emplace_back();
              I.Object = R.Name;
              I.Loc = R.Loc;
              I.Class = className("D:" + T->Class);
              I.Thread = T->Name;
              I.ThreadLoc = T->Loc;
              I.InDll = R.InDll;
              const BlockingSite *By = nullptr;
              if (const BlockingSite *Stop = StopSite.lookup(T->Id)) {
                I.How = ThreadOwner::Stop::Explicit;
                I.StopChain = stopChain(*Stop);
                By = Stop;
              } else if (Joined) {
                I.How = ThreadOwner::Stop::TeardownOnly;
                By = Joined;
                O.Threads.push_back({T, Joined});
              }
              if (By) {
                I.StoppedIn = nameOf(By->Function);
                I.StopLoc = By->Loc;
              }
            }
          if (O.Threads.empty())
            continue;
          Owner &Into = Owners[Class];
          Into.Instances.push_back(&R);
          for (auto &T : O.Threads)
            if (!is_contained(Into.Threads, T))
              Into.Threads.push_back(T);
        }
      }
    }
    for (auto &[Class, O] : Owners) {
      Finding Fd;
      Fd.Rule = RuleKind::SingletonThreadWithoutUninit;
      bool InDll =
          any_of(O.Instances, [](const RootFact *R) { return R->InDll; });
      Fd.Level = InDll ? Severity::Error : Severity::Warning;
      const ClassFact *CF = Classes.lookup(Class);
      Fd.Loc = CF ? CF->Loc : O.Instances.front()->Loc;
      std::string Names;
      for (auto &T : O.Threads)
        Names += (Names.empty() ? "" : ", ") + quoted(T.first->Name);
      Fd.Message = quoted(className(Class)) +
                   " has a static-storage instance and its thread" +
                   (O.Threads.size() > 1 ? "s " : " ") + Names +
                   (O.Threads.size() > 1 ? " stop" : " stops") +
                   " only during static teardown" +
                   (InDll ? ", under the loader lock" : "") +
                   "; add an explicit stop (UnInit) that joins " +
                   (O.Threads.size() > 1 ? "them" : "it") +
                   " and call it before exit or unload";
      Fd.Chain.push_back(Class);
      Fd.ChainText = "static instance of " + quoted(className(Class));
      for (auto &T : O.Threads) {
        Fd.Targets.push_back(T.first->Id);
        if (Fd.Callee.empty())
          Fd.Callee = T.second->Callee;
      }
      llvm::sort(O.Instances, [](const RootFact *A, const RootFact *B) {
        return A->Loc < B->Loc;
      });
      for (const RootFact *R : O.Instances)
        Fd.Notes.push_back({R->Loc, rootNote(*R)});
      for (auto &[T, Site] : O.Threads) {
        if (const ThreadStart *S = startOf({T->Id}))
          Fd.Notes.push_back(
              {S->Loc, startNote("thread " + quoted(T->Name), *S)});
        Fd.Notes.push_back({Site->Loc, "it is joined only here, in " +
                                           quoted(nameOf(Site->Function)) +
                                           ", which runs during teardown"});
      }
      Out.push_back(std::move(Fd));
    }
  }

  /// The class nodes whose destruction destroying Node implies.
  std::vector<std::string> ownedFrom(const std::string &Node) {
    std::vector<std::string> R{Node};
    for (size_t I = 0; I < R.size(); ++I)
      for (const Succ &S : succ(R[I]))
        if (isDestruction(S.Edge->Kind))
          if (std::string To = Names[S.To].str(); !is_contained(R, To))
            R.push_back(To);
    return R;
  }

  bool follows(const RootFact &R) const {
    return !R.Intentional || FollowIntentional;
  }

  const TUFacts &F;
  AnalysisMode Mode;
  bool FollowIntentional;
  StringMap<const FunctionFact *> Funcs;
  StringMap<const ClassFact *> Classes; ///< By destruction node D:<usr>.
  StringMap<uint32_t> NodeIds;          ///< Function id to node number.
  std::vector<StringRef> Names;         ///< Node number to function id.
  std::vector<std::vector<Succ>> Out;   ///< By node number.
  std::vector<bool> CanReachSite;       ///< By node number.
  StringMap<unsigned> InDegree;
  StringMap<std::vector<std::string>> Overriders;
  StringMap<std::vector<const BlockingSite *>> SitesIn;
  StringMap<std::vector<const ThreadField *>> FieldsOf; ///< By D:<class>.
  StringMap<std::vector<const ThreadStart *>> StartsOf;
  StringMap<std::vector<std::string>> CopiesTo;
  StringSet<> ThreadKeys, ThreadHandles, TeardownRoots, Ordinary,
      StoppedByOrdinaryCode;
  /// For each key in StoppedByOrdinaryCode, the first site that stops it.
  StringMap<const BlockingSite *> StopSite;
  static constexpr uint32_t NoState = ~0u;
  /// computeOrdinary's search: for each state, the state it came from.
  std::vector<uint32_t> ReachedFrom;
  std::map<const RootFact *, std::map<std::string, const BlockingSite *>>
      JoinedFrom;
};

} // namespace

std::vector<Finding> findHazards(const TUFacts &Facts, AnalysisMode Mode) {
  return Analysis(Facts, Mode, /*FollowIntentional=*/false).run().Findings;
}

Hazards analyzeHazards(const TUFacts &Facts, AnalysisMode Mode,
                       bool FindUnusedAnnotations) {
  Hazards H = Analysis(Facts, Mode, /*FollowIntentional=*/false).run();
  if (!FindUnusedAnnotations || Facts.Annotations.empty())
    return H;
  // What the annotations silence: the findings of an analysis that ignores
  // them, less those of the real one. Each names, along its chain, the
  // variable it starts from and the classes it destroys; a singleton
  // finding, its class.
  auto Key = [](const Finding &X) {
    return std::make_tuple(X.Loc, X.Rule, X.Message);
  };
  std::set<decltype(Key(H.Findings.front()))> Reported;
  for (const Finding &X : H.Findings)
    Reported.insert(Key(X));
  StringSet<> Silencing;
  for (const Finding &X :
       Analysis(Facts, Mode, /*FollowIntentional=*/true).run().Findings) {
    if (Reported.count(Key(X)))
      continue;
    for (const std::string &N : X.Chain)
      Silencing.insert(N);
    if (X.Rule == RuleKind::SingletonThreadWithoutUninit)
      for (const RootFact &R : Facts.Roots)
        if (R.Intentional && is_contained(X.Chain, R.Class))
          Silencing.insert(R.Function);
  }
  StringSet<> Seen;
  for (const AnnotationFact &A : Facts.Annotations)
    if (!Silencing.count(A.Id) && Seen.insert(A.Id).second)
      H.UnusedAnnotations.push_back(A);
  return H;
}

/// A USR names a local variable or a lambda by its file offset
/// ("c:f.cpp@1234@F@run#@t"): drop offsets, so that an edit above the
/// function does not change the identity.
static std::string withoutOffsets(StringRef Usr) {
  std::string Out;
  while (!Usr.empty()) {
    size_t At = Usr.find('@');
    Out += Usr.take_front(At == StringRef::npos ? Usr.size() : At + 1);
    if (At == StringRef::npos)
      break;
    Usr = Usr.drop_front(At + 1);
    StringRef Digits = Usr.take_while(isDigit);
    if (!Digits.empty() &&
        (Digits.size() == Usr.size() || Usr[Digits.size()] == '@'))
      Usr = Usr.drop_front(Digits.size() + (Digits.size() < Usr.size()));
  }
  return Out;
}

std::string findingId(const Finding &F) {
  std::string Key = ruleName(F.Rule).str();
  for (const std::string &N : F.Chain)
    Key += "\n" + withoutOffsets(N);
  Key += "\n" + F.Callee;
  std::vector<std::string> Targets;
  for (const std::string &T : F.Targets)
    Targets.push_back(withoutOffsets(T));
  llvm::sort(Targets);
  for (const std::string &T : Targets)
    Key += "\n" + T;
  return utohexstr(xxh3_64bits(Key), /*LowerCase=*/true, 16);
}

} // namespace shutdown
