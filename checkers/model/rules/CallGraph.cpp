//===- CallGraph.cpp - The facts indexed for the rules --------------------===//

#include "checkers/model/rules/CallGraph.h"
#include "llvm/ADT/STLExtras.h"
#include <numeric>

using namespace llvm;

namespace shutdown::rules {

CallGraph::CallGraph(const TUFacts &F, bool FollowIntentional) : F(F) {
  forNodes(
      F.Functions.size(),
      [&](size_t I) { return std::optional<StringRef>(F.Functions[I].Id); },
      [&](size_t I, uint32_t N) {
        Funcs[N] = &F.Functions[I];
        FunctionNodes.push_back(N);
      });
  for (const ClassFact &C : F.Classes)
    Classes[("D:" + C.Id).str()] = &C;
  // Each call's callee numbered once, kept for the edges below; NoNode
  // where a function calls itself.
  constexpr uint32_t NoNode = UINT32_MAX;
  std::vector<uint32_t> CalleeNode(F.Calls.size(), NoNode);
  forNodes(
      F.Calls.size(),
      [&](size_t I) -> std::optional<StringRef> {
        const CallEdge &E = F.Calls[I];
        if (E.Caller == E.Callee)
          return std::nullopt;
        return StringRef(E.Callee);
      },
      [&](size_t I, uint32_t N) {
        CalleeNode[I] = N;
        ++Callers[N];
      });
  for (const OverrideFact &O : F.Overrides)
    Overriders[O.Base].push_back(O.Overrider);
  auto Followed = [&](const CallEdge &E) {
    return !E.Intentional || FollowIntentional;
  };
  // Each followed call's caller, and the overrides a virtual call may
  // reach beyond its callee (in call order): the edges, counted by caller
  // before they are laid out end to end.
  std::vector<uint32_t> CallerNode(F.Calls.size(), NoNode);
  std::vector<std::pair<size_t, uint32_t>> Dispatched;
  std::vector<uint32_t> OutCount;
  forNodes(
      F.Calls.size(),
      [&](size_t I) -> std::optional<StringRef> {
        if (!Followed(F.Calls[I]))
          return std::nullopt;
        return StringRef(F.Calls[I].Caller);
      },
      [&](size_t I, uint32_t From) {
        CallerNode[I] = From;
        SmallVector<StringRef, 1> To = dispatch(F.Calls[I]);
        for (size_t K = 1; K < To.size(); ++K)
          Dispatched.push_back({I, node(To[K])});
        OutCount.resize(size());
        OutCount[From] += To.size();
      });
  for (const BlockingSite &S : F.Sites)
    SitesIn[S.Function].push_back(&S);
  for (const ThreadField &T : F.Fields)
    FieldsOf[("D:" + T.Class).str()].push_back(&T);
  for (const ThreadStart &T : F.Starts) {
    StartsOf[T.Target].push_back(&T);
    ThreadKeys.insert(T.Target);
    if (T.Handle)
      ThreadHandles.insert(T.Target);
    // "T:<routine>", the ID that routine reads of its own thread, stands
    // for each thread that runs it, wherever its handle went.
    if (!T.Routine.empty()) {
      std::string Key = ("T:" + T.Routine).str();
      StartsOf[Key].push_back(&T);
      ThreadKeys.insert(Key);
      if (T.Handle)
        ThreadHandles.insert(Key);
    }
  }
  for (const HandleCopy &C : F.Copies)
    CopiesTo[C.To].push_back(C.From);

  closeUnderCopies();
  for (const RootFact &R : F.Roots) {
    TeardownRoots.insert(R.Function);
    node(R.Function);
  }
  std::vector<uint32_t> WithSites;
  for (const BlockingSite &S : F.Sites)
    WithSites.push_back(node(S.Function));

  // Every node numbered: the edges laid out, each caller's in call order.
  OutCount.resize(size());
  OutStart.assign(size() + 1, 0);
  std::partial_sum(OutCount.begin(), OutCount.end(), OutStart.begin() + 1);
  OutEdges.resize(OutStart.back());
  std::vector<uint32_t> &Next = OutCount;
  std::copy(OutStart.begin(), OutStart.end() - 1, Next.begin());
  auto Override = Dispatched.begin();
  for (size_t I = 0; I < F.Calls.size(); ++I) {
    uint32_t From = CallerNode[I];
    if (From == NoNode)
      continue;
    const CallEdge *E = &F.Calls[I];
    OutEdges[Next[From]++] = {E,
                              CalleeNode[I] != NoNode ? CalleeNode[I] : From};
    for (; Override != Dispatched.end() && Override->first == I; ++Override)
      OutEdges[Next[From]++] = {E, Override->second};
  }

  HasSites.assign(size(), false);
  for (uint32_t N : WithSites)
    HasSites[N] = true;
  CanReachSite = canReach(WithSites);
}

/// A handle copied from a thread handle is a thread handle; a value copied
/// from a thread key holds a thread.
void CallGraph::closeUnderCopies() {
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const HandleCopy &C : F.Copies) {
      if (ThreadHandles.count(C.From) && ThreadHandles.insert(C.To).second)
        Changed = true;
      if (ThreadKeys.count(C.From) && ThreadKeys.insert(C.To).second)
        Changed = true;
    }
  }
}

/// The node number of a function id, numbered on first sight.
uint32_t CallGraph::node(StringRef Id) {
  NodeIds.reserve(1);
  return node(Id, StringPool::hash(Id));
}

uint32_t CallGraph::node(StringRef Id, uint32_t Hash) {
  auto [N, New] = NodeIds.insert(Id, Hash, [Id] { return Id; });
  if (New) {
    Funcs.push_back(nullptr);
    Callers.push_back(0);
  }
  return N;
}

template <typename IdFn, typename UseFn>
void CallGraph::forNodes(size_t Count, IdFn Id, UseFn Use) {
  constexpr size_t Batch = StringPool::Batch;
  size_t Index[Batch];
  StringRef Ids[Batch];
  uint32_t Hashes[Batch];
  for (size_t I = 0; I < Count;) {
    size_t N = 0;
    for (; I < Count && N < Batch; ++I)
      if (std::optional<StringRef> S = Id(I)) {
        Index[N] = I;
        Ids[N] = *S;
        Hashes[N++] = StringPool::hash(*S);
      }
    NodeIds.reserve(N);
    NodeIds.prefetch(ArrayRef(Hashes, N));
    for (size_t K = 0; K < N; ++K) {
      // Use may number more ids (a virtual call's overrides): room for
      // the rest of the batch again, which grows the table only then.
      NodeIds.reserve(N - K);
      Use(Index[K], node(Ids[K], Hashes[K]));
    }
  }
}

std::optional<uint32_t> CallGraph::find(StringRef Id) const {
  return NodeIds.find(Id, StringPool::hash(Id));
}

ArrayRef<Succ> CallGraph::succ(StringRef Id) const {
  std::optional<uint32_t> N = find(Id);
  return N ? succ(*N) : ArrayRef<Succ>();
}

/// The functions a call to Callee may run: itself and, for a virtual call
/// or a deletion through an owning pointer, every override below it.
SmallVector<StringRef, 1> CallGraph::dispatch(const CallEdge &E) const {
  SmallVector<StringRef, 1> R{E.Callee};
  if (E.Kind != EdgeKind::VirtualCall && E.Kind != EdgeKind::DestroysPointee)
    return R;
  for (size_t I = 0; I < R.size(); ++I)
    for (StringRef O : Overriders.lookup(R[I]))
      if (!is_contained(R, O))
        R.push_back(O);
  return R;
}

std::vector<bool> CallGraph::canReach(ArrayRef<uint32_t> Targets) const {
  // The callers of each node, end to end: InStart[N] is where N's begin.
  std::vector<uint32_t> InStart(size() + 1, 0);
  for (const Succ &S : OutEdges)
    ++InStart[S.To + 1];
  std::partial_sum(InStart.begin(), InStart.end(), InStart.begin());
  std::vector<uint32_t> In(InStart.back());
  {
    std::vector<uint32_t> Next(InStart.begin(), InStart.end() - 1);
    for (uint32_t From = 0; From < size(); ++From)
      for (const Succ &S : succ(From))
        In[Next[S.To]++] = From;
  }
  std::vector<bool> Reaches(size(), false);
  std::vector<uint32_t> Work;
  for (uint32_t N : Targets)
    if (!Reaches[N]) {
      Reaches[N] = true;
      Work.push_back(N);
    }
  while (!Work.empty()) {
    uint32_t N = Work.back();
    Work.pop_back();
    for (uint32_t P :
         ArrayRef(In).slice(InStart[N], InStart[N + 1] - InStart[N]))
      if (!Reaches[P]) {
        Reaches[P] = true;
        Work.push_back(P);
      }
  }
  return Reaches;
}

ArrayRef<const BlockingSite *> CallGraph::sitesIn(StringRef Fn) const {
  auto It = SitesIn.find(Fn);
  return It == SitesIn.end() ? ArrayRef<const BlockingSite *>()
                             : ArrayRef<const BlockingSite *>(It->second);
}

ArrayRef<const ThreadField *> CallGraph::fieldsOf(StringRef Class) const {
  auto It = FieldsOf.find(Class);
  return It == FieldsOf.end() ? ArrayRef<const ThreadField *>()
                              : ArrayRef<const ThreadField *>(It->second);
}

std::vector<std::string>
CallGraph::sources(const std::vector<std::string> &Targets) const {
  std::vector<std::string> Keys(Targets.begin(), Targets.end());
  for (size_t I = 0; I < Keys.size() && I < 256; ++I)
    if (auto It = CopiesTo.find(Keys[I]); It != CopiesTo.end())
      for (StringRef From : It->second)
        if (!is_contained(Keys, From))
          Keys.push_back(From.str());
  return Keys;
}

bool CallGraph::isThreadWait(const BlockingSite &S,
                             const std::vector<std::string> &Targets) const {
  if (S.Prim == Primitive::SignalWait || S.Prim == Primitive::LoaderLockCall)
    return false;
  if (S.Prim != Primitive::Win32Wait)
    return true;
  return S.KnownThreadHandle ||
         any_of(sources(Targets),
                [&](const std::string &T) { return ThreadHandles.count(T); });
}

const ThreadStart *
CallGraph::startOf(const std::vector<std::string> &Targets) const {
  // The start that runs a routine before one that only names a thread
  // ("OpenThread(SYNCHRONIZE, FALSE, id)" of an ID that CreateThread gave).
  const ThreadStart *First = nullptr;
  for (const std::string &K : sources(Targets))
    if (auto It = StartsOf.find(K); It != StartsOf.end()) {
      for (const ThreadStart *T : It->second)
        if (!T->Routine.empty())
          return T;
      if (!First)
        First = It->second.front();
    }
  return First;
}

std::string CallGraph::nameOf(StringRef Id) const {
  std::optional<uint32_t> N = find(Id);
  if (const FunctionFact *Fn = N ? Funcs[*N] : nullptr; Fn && !Fn->Name.empty())
    return Fn->Name.str();
  if (const ClassFact *C = Classes.lookup(Id))
    return destructorName(C->Name);
  return Id.str();
}

std::string CallGraph::className(StringRef DtorId) const {
  if (const ClassFact *C = Classes.lookup(DtorId))
    return C->Name.str();
  return nameOf(DtorId);
}

} // namespace shutdown::rules
