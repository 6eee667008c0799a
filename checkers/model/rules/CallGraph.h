//===- CallGraph.h - The facts indexed for the rules ------------*- C++ -*-===//
//
// Functions are numbered once, virtual dispatch is expanded once (a virtual
// call or a deletion through an owning pointer has one edge per override
// the facts know), and the facts are indexed by function, class and key.
// The thread keys (the targets of thread starts) and the thread handles
// (those that hold a Win32 handle) are closed under handle copies.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_CALLGRAPH_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_CALLGRAPH_H

#include "checkers/model/Facts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace shutdown::rules {

/// An edge of the call graph after dispatch: a virtual call has one per
/// function it may reach.
struct Succ {
  const CallEdge *Edge;
  uint32_t To;
};

/// "D:<class>" or "V:<variable>": a destruction, not a function.
inline bool isDestructionNode(llvm::StringRef Id) {
  return Id.starts_with("D:") || Id.starts_with("V:");
}

class CallGraph {
public:
  /// FollowIntentional: also follow the destruction of classes marked
  /// intentional (to find what their annotations silence).
  CallGraph(const TUFacts &F, bool FollowIntentional);

  const TUFacts &facts() const { return F; }

  // ---- Nodes ---------------------------------------------------------------
  size_t size() const { return NodeIds.size(); }
  std::optional<uint32_t> find(llvm::StringRef Id) const;
  llvm::StringRef id(uint32_t N) const { return NodeIds.strings()[N]; }
  llvm::ArrayRef<Succ> succ(uint32_t N) const {
    return llvm::ArrayRef(OutEdges).slice(OutStart[N],
                                          OutStart[N + 1] - OutStart[N]);
  }
  llvm::ArrayRef<Succ> succ(llvm::StringRef Id) const;
  /// The node of a function of the facts (one of facts().Functions).
  uint32_t node(const FunctionFact &Fn) const {
    return FunctionNodes[&Fn - F.Functions.data()];
  }
  /// Whether a call in the facts reaches N (other than its own recursion).
  bool isCalled(uint32_t N) const { return Callers[N]; }
  bool isTeardownRoot(llvm::StringRef Id) const {
    return TeardownRoots.count(Id);
  }

  /// The functions that can reach one of Targets by some path (themselves
  /// included): one backward pass, so that searches can skip the rest.
  std::vector<bool> canReach(llvm::ArrayRef<uint32_t> Targets) const;
  /// canReach for the functions that hold a blocking site.
  const std::vector<bool> &canReachSite() const { return CanReachSite; }

  // ---- Facts by function, class and key -------------------------------------
  llvm::ArrayRef<const BlockingSite *> sitesIn(llvm::StringRef Fn) const;
  llvm::ArrayRef<const BlockingSite *> sitesIn(uint32_t N) const {
    return HasSites[N] ? sitesIn(id(N))
                       : llvm::ArrayRef<const BlockingSite *>();
  }
  /// The thread members of a class, by its destruction node "D:<class>".
  llvm::ArrayRef<const ThreadField *> fieldsOf(llvm::StringRef Class) const;
  const ClassFact *classFact(llvm::StringRef Class) const {
    return Classes.lookup(Class);
  }
  bool isThreadKey(llvm::StringRef Key) const { return ThreadKeys.count(Key); }

  /// Targets and every variable, member or parameter their value was
  /// copied or passed from: a helper's parameter stands for what its
  /// callers pass.
  std::vector<std::string>
  sources(const std::vector<std::string> &Targets) const;
  /// Whether S blocks on a thread with these targets: every join does; a
  /// Win32 wait when its handle is a thread handle; a wait for a signal and
  /// a call forbidden under the loader lock never do.
  bool isThreadWait(const BlockingSite &S,
                    const std::vector<std::string> &Targets) const;
  /// Where a thread waited for through one of Targets was started,
  /// following handle copies back to their source.
  const ThreadStart *startOf(const std::vector<std::string> &Targets) const;

  // ---- Names for messages
  // ----------------------------------------------------
  /// "Worker::stop", "Worker::~Worker"; the id when the facts have no name.
  std::string nameOf(llvm::StringRef Id) const;
  /// The class a destruction node destroys: "Worker".
  std::string className(llvm::StringRef DtorId) const;

private:
  uint32_t node(llvm::StringRef Id);
  /// node, where the table has room and Id's hash is known.
  uint32_t node(llvm::StringRef Id, uint32_t Hash);
  /// node for Count ids, their lookups overlapped: Id(I) is the I-th (or
  /// nullopt to skip it), Use(I, Node) is told its number; in order.
  template <typename IdFn, typename UseFn>
  void forNodes(size_t Count, IdFn Id, UseFn Use);
  llvm::SmallVector<llvm::StringRef, 1> dispatch(const CallEdge &E) const;
  void closeUnderCopies();

  const TUFacts &F;
  llvm::StringMap<const ClassFact *> Classes; ///< By destruction node.
  /// Function ids by number, and their numbers: the ids are the facts'
  /// own strings.
  StringIndex<llvm::StringRef> NodeIds;
  // By node number:
  std::vector<const FunctionFact *> Funcs;
  /// The edges from each node, end to end: node N's from OutStart[N].
  std::vector<uint32_t> OutStart;
  std::vector<Succ> OutEdges;
  std::vector<bool> CanReachSite;
  std::vector<uint32_t> Callers; ///< Calls from other functions.
  std::vector<bool> HasSites;
  /// By index in the facts' functions.
  std::vector<uint32_t> FunctionNodes;
  llvm::StringMap<std::vector<llvm::StringRef>> Overriders;
  llvm::StringMap<std::vector<const BlockingSite *>> SitesIn;
  llvm::StringMap<std::vector<const ThreadField *>> FieldsOf;
  llvm::StringMap<std::vector<const ThreadStart *>> StartsOf;
  llvm::StringMap<std::vector<llvm::StringRef>> CopiesTo;
  llvm::StringSet<> ThreadKeys, ThreadHandles, TeardownRoots;
};

} // namespace shutdown::rules

#endif
