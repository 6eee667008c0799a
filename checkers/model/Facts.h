//===- Facts.h - What one translation unit says about teardown -*- C++ -*-===//
//
// The facts are the only thing the rules read: extraction (Extractor.h) turns
// an AST into facts, the driver stores and merges them by USR, and the rules
// (Rules.h) turn merged facts into findings. Everything here is plain data
// with a JSON form, so a fact file written by one process can be linked by
// another.
//
// Functions are nodes identified by a string id:
//   <USR>        an ordinary function, method or lambda call operator;
//   D:<USR>      the destruction of an object of the class with that USR
//                (its destructor body, then members and bases);
//   V:<USR>      the destruction at exit of the static variable with that USR.
// What a thread or handle is stored in, or read from (ThreadStart::Target,
// BlockingSite::Targets, HandleCopy), is the USR of a variable or member, or
//   R:<function> the value that function returns;
//   P:<function>#<index>  that parameter: what its callers pass flows in.
//
// The object a call, destruction or blocking site acts on (its receiver,
// CallEdge::Receiver and BlockingSite::Receiver) is an object reference:
//   ""              none (a free function, a static member);
//   this            the caller's own object, or a member or owned pointee of
//                   it;
//   var:<USR>       a variable of static or thread storage, or a member or
//                   owned pointee of it;
//   ret:<function>|<object>  what that function returns when called on
//                   <object> (an object reference itself, "" for none);
//   param:<function>#<index> what the callers pass as that parameter;
//   local           another object: a local, a temporary, one made here;
//   ?               not known (a pointer read from another object).
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_FACTS_H
#define SHUTDOWN_HAZARDS_MODEL_FACTS_H

#include "checkers/model/StringPool.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace shutdown {

/// Version of the fact format; a reader rejects any other.
constexpr int FactsVersion = 6;

struct SourceLoc {
  std::string File; ///< Absolute, normalized path; empty when unknown.
  unsigned Line = 0;
  unsigned Col = 0;

  bool valid() const { return !File.empty() && Line != 0; }
  friend bool operator<(const SourceLoc &A, const SourceLoc &B) {
    return std::tie(A.File, A.Line, A.Col) < std::tie(B.File, B.Line, B.Col);
  }
  friend bool operator==(const SourceLoc &A, const SourceLoc &B) {
    return std::tie(A.File, A.Line, A.Col) == std::tie(B.File, B.Line, B.Col);
  }
};

/// A SourceLoc in the facts: its file a FactString.
struct FactLoc {
  FactString File;
  unsigned Line = 0;
  unsigned Col = 0;

  bool valid() const { return !File.empty() && Line != 0; }
  operator SourceLoc() const { return {File.str(), Line, Col}; }
  friend bool operator<(const FactLoc &A, const FactLoc &B) {
    return std::tie(A.File, A.Line, A.Col) < std::tie(B.File, B.Line, B.Col);
  }
  friend bool operator==(const FactLoc &A, const FactLoc &B) {
    return std::tie(A.File, A.Line, A.Col) == std::tie(B.File, B.Line, B.Col);
  }
};

/// A list in the facts (call arguments, wait targets).
using FactList = std::vector<FactString>;

/// A list of the facts as strings of its own.
inline std::vector<std::string> strings(const FactList &L) {
  return std::vector<std::string>(L.begin(), L.end());
}

/// Which way DllMain was entered, as far as the code around a call shows.
enum class DllReason {
  Any = -1,
  ProcessDetach = 0,
  ProcessAttach = 1,
  ThreadAttach = 2,
  ThreadDetach = 3
};

/// DLL_PROCESS_DETACH comes in two flavours, told apart by lpvReserved.
enum class DllPath { Unknown, FreeLibrary, ProcessExit };

struct FunctionFact {
  FactString Id;
  FactString Name; ///< For messages: "Worker::stop", "Worker::~Worker".
  FactLoc Loc;
  bool External = false;     ///< Callable from outside: API, export, public.
  bool AddressTaken = false; ///< Used as a callback somewhere.
  bool IsMain = false;       ///< main, wmain, WinMain, wWinMain.
  bool IsDllEntry = false;   ///< DllMain or a configured entry point.
  bool IsDestructorAttr = false;  ///< __attribute__((destructor)).
  bool IsConstructorAttr = false; ///< __attribute__((constructor)).
  /// Defined in a dependency (a system header): never an entry point.
  bool Dependency = false;
  /// Exported from a shared library: dllexport, or visibility("default")
  /// in a unit built with -fvisibility=hidden.
  bool Exported = false;
  bool ExternC = false; ///< extern "C": found by name (dlsym, GetProcAddress).
};

enum class EdgeKind {
  Call,            ///< A direct call.
  VirtualCall,     ///< A virtual call: it may reach any override.
  Destroys,        ///< Destruction of an owned member, base or element.
  DestroysPointee, ///< Destruction through an owning pointer: the object may
                   ///< be of a derived class with a virtual destructor.
};

inline bool isDestruction(EdgeKind K) {
  return K == EdgeKind::Destroys || K == EdgeKind::DestroysPointee;
}

/// What a call passes on to the callee that the rules follow. Few calls
/// pass any of it, so a call edge holds it apart (CallEdge::passes): a
/// program has millions of call edges.
struct CallPasses {
  /// What this call passes to the callee's thread or handle parameters:
  /// "<index>=<target>", e.g. "0=c:@S@Worker@FI@m_hThread".
  FactList Args;
  /// What this call passes to the callee's object parameters (pointers and
  /// references to classes): "<index>=<object reference>".
  FactList ObjectArgs;
  /// From a DLL entry point: the arguments that say whether the process is
  /// exiting, "<index>=+" for lpvReserved != NULL (true at process exit),
  /// "<index>=-" for its negation.
  FactList PathArgs;
  /// The call runs only when a parameter of the caller is true ("<index>=1")
  /// or false ("<index>=0").
  FactList ParamConds;

  bool empty() const {
    return Args.empty() && ObjectArgs.empty() && PathArgs.empty() &&
           ParamConds.empty();
  }
};

struct CallEdge {
  FactString Caller;
  FactString Callee;
  FactLoc Loc;
  EdgeKind Kind = EdgeKind::Call;
  bool Guarded = false; ///< Only taken when object state says so.
  /// Destroys an object of a class marked intentional (an annotation says
  /// its teardown is meant): the rules do not follow it.
  bool Intentional = false;
  FactString Via; ///< For Destroys: the member, base or variable.
  DllReason Reason = DllReason::Any; ///< For calls made by a DLL entry.
  DllPath Path = DllPath::Unknown;
  /// The object a member call, or a destruction, acts on (an object
  /// reference, see above); "" for a free function.
  FactString Receiver;

  /// What the call passes on (empty lists for most calls).
  const CallPasses &passes() const { return Passes ? *Passes : NoPasses; }
  void setPasses(CallPasses P) {
    Passes =
        P.empty() ? nullptr : std::make_shared<const CallPasses>(std::move(P));
  }

private:
  static const CallPasses NoPasses;
  /// Null when the call passes nothing; shared by copies (it never changes).
  std::shared_ptr<const CallPasses> Passes;
};

/// A method that overrides another (or a destructor that overrides a virtual
/// base destructor): virtual calls to Base may reach Overrider.
struct OverrideFact {
  FactString Overrider;
  FactString Base;
};

enum class RootKind {
  StaticDestructor,   ///< Function is V:<var>.
  AtExit,             ///< Function registered with atexit and friends.
  DestructorFunction, ///< __attribute__((destructor)).
  DllEntry,           ///< DllMain or a configured entry point.
  /// Function is V:<var> of a thread_local variable: destroyed when its
  /// thread exits (the main thread's at exit).
  ThreadLocalDestructor,
  /// Function is I:<var>: the dynamic initialization of a static variable
  /// (its constructor), when the program or library starts.
  StaticInitializer,
  ConstructorFunction, ///< __attribute__((constructor)).
  TlsCallback,         ///< A PE TLS callback (.CRT$XL* section).
};

struct RootFact {
  RootKind Kind = RootKind::StaticDestructor;
  FactString Function;
  FactString Name;      ///< The variable, handler or entry point.
  FactLoc Loc;          ///< Variable declaration or registration call.
  FactString Registrar; ///< AtExit: "atexit", "std::at_quick_exit", ...
  FactString Class;     ///< StaticDestructor: the class destroyed, if any.
  bool InDll = false;   ///< The TU is part of a DLL: runs under loader lock.
  /// The variable is marked intentional: the rules do not start from it.
  bool Intentional = false;
};

/// A variable (V:<USR>) or class (D:<USR>) marked
/// [[clang::annotate("shutdown-hazards:intentional")]].
struct AnnotationFact {
  FactString Id;
  FactString Name;
  FactLoc Loc;
};

enum class Primitive {
  Join,         ///< join() on a thread object.
  JoiningDtor,  ///< Destruction of a joining thread (std::jthread).
  JoinFunction, ///< pthread_join, thrd_join and configured ones.
  Win32Wait,    ///< WaitForSingleObject and friends.
  /// A wait for a signal another thread gives: a condition variable, a
  /// future, a latch, a semaphore.
  SignalWait,
  /// A call that must not be made under the loader lock (LoadLibrary, COM
  /// initialization, CreateProcess, ...).
  LoaderLockCall,
};

/// BlockingSite::TimeoutMs: no timeout (or INFINITE), or a bound that is not
/// a constant.
constexpr int64_t Untimed = -1, BoundedUnknown = -2;

struct BlockingSite {
  FactString Function;
  FactLoc Loc;
  Primitive Prim = Primitive::Join;
  FactString Callee;     ///< "std::thread::join", "WaitForSingleObject".
  FactList Targets;      ///< Ids of what is waited for.
  FactString TargetText; ///< Source text of the waited object.
  bool Guarded = false;
  bool KnownThreadHandle = false; ///< The handle comes from a thread creator.
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;
  /// The object whose members Targets are (an object reference).
  FactString Receiver;
  /// How long it blocks: Untimed, BoundedUnknown, or milliseconds.
  int64_t TimeoutMs = Untimed;
  bool InLoop = false; ///< Inside a loop: once per element, say.
  /// What the function does to the thread next when the wait times out:
  /// "TerminateThread"; empty when nothing.
  FactString Then;
  /// The site runs only when a parameter of its function is true
  /// ("<index>=1") or false ("<index>=0").
  FactList ParamConds;
};

/// A thread is created and its handle or object stored into Target.
struct ThreadStart {
  FactString Target; ///< Variable or field id, or R:<function>.
  FactLoc Loc;
  FactString Creator; ///< "CreateThread", "std::thread", ...
  FactString Routine; ///< Function id of the thread's body, if known.
  FactString RoutineName;
  bool Handle = false; ///< Target holds a Win32 thread handle.
  FactString Function; ///< The function that starts it.
};

/// A handle value flows from From to To (assignment, DuplicateHandle, return).
struct HandleCopy {
  FactString To;
  FactString From;
};

/// A member that is, holds or may hold a thread.
struct ThreadField {
  FactString Id;
  FactString Class; ///< USR of the class that declares it.
  FactString Name;  ///< "Worker::thread_".
  FactLoc Loc;
  bool ThreadObject = false; ///< std::thread-like, or a container of them.
};

struct ClassFact {
  FactString Id;
  FactString Name;
  FactLoc Loc;
};

/// A function returns a reference or pointer to Object (an object
/// reference), so that "instance().stop()" acts on what instance() returns.
struct ReturnFact {
  FactString Function;
  FactString Object;
};

/// A name looked up at run time (GetProcAddress, dlsym): an extern "C"
/// function of that name is an entry point.
struct LookupFact {
  FactString Name;
  FactLoc Loc;
};

/// Everything one translation unit contributes.
struct TUFacts {
  std::string MainFile;
  /// Keeps the strings of every fact below; shared by copies.
  std::shared_ptr<StringPool> Strings = std::make_shared<StringPool>();
  /// S kept by Strings.
  FactString str(llvm::StringRef S) { return Strings->save(S); }
  std::vector<FunctionFact> Functions;
  std::vector<CallEdge> Calls;
  std::vector<OverrideFact> Overrides;
  std::vector<RootFact> Roots;
  std::vector<BlockingSite> Sites;
  std::vector<ThreadStart> Starts;
  std::vector<HandleCopy> Copies;
  std::vector<ThreadField> Fields;
  std::vector<ClassFact> Classes;
  std::vector<AnnotationFact> Annotations;
  std::vector<ReturnFact> Returns;
  std::vector<LookupFact> Lookups;

  /// Sort and deduplicate every list so equal inputs give equal facts.
  void normalize();
};

/// A fact file as read, before validation: its tables as flat integers.
struct RawFacts {
  std::optional<int64_t> Version;
  std::optional<std::string> MainFile;
  /// nullopt: missing. A string that was not one: nullopt inside. They
  /// refer into Text (the file, when it is kept) or Owned (what had to be
  /// copied).
  std::optional<std::vector<std::optional<llvm::StringRef>>> Strings;
  std::unique_ptr<llvm::MemoryBuffer> Text;
  std::deque<std::string> Owned;
  /// By table, in format order; nullopt: missing. A field that was not an
  /// integer reads as -1 (out of range).
  std::vector<std::optional<std::vector<int64_t>>> Tables;
};

/// Reads the fact file that File holds from Offset to its end (a result
/// file of the driver holds a header line before it). The plain shape the
/// extractor writes is read without building JSON values (the link reads
/// thousands), its strings left in place in File, which the result keeps;
/// anything else (another key, a \u escape) is read as JSON. Only malformed
/// JSON is an error here: FactMerger::add checks the rest.
llvm::Expected<RawFacts> readFactFile(std::unique_ptr<llvm::MemoryBuffer> File,
                                      size_t Offset = 0);

/// A fact file checked whole and put in rows of integers, the form the
/// merger keeps (FactMerger::prepare): what can be done without the facts
/// merged so far, so on any thread, ahead of the merge.
struct PreparedFacts {
  /// The file as read, which keeps the text of its strings (its tables and
  /// string list emptied once in rows and Strings).
  RawFacts Raw;
  /// Its strings, by index, and the hash of each (StringPool::hash).
  std::vector<llvm::StringRef> Strings;
  std::vector<uint32_t> StringHashes;
  /// By table: its rows, each a fixed number of fields, strings still as
  /// indices into Strings; and the hash of each row, made from its
  /// strings' hashes, so that it is the same in every file.
  std::vector<std::vector<uint32_t>> Rows;
  std::vector<std::vector<uint32_t>> RowHashes;
};

/// Merges the facts of many translation units, each fact once (a function
/// once by id, what the units say of it combined), in the order first seen:
/// the headers that units share contribute their facts once, not once per
/// unit. Reads fact files (writeFacts's form) without copying a string of a
/// fact already merged: facts are kept as rows of interned string ids until
/// take() makes them TUFacts.
class FactMerger {
public:
  /// A unit merged so far.
  struct Unit {
    std::string MainFile;
    bool DefinesDllEntry = false;
  };

  FactMerger();
  ~FactMerger();
  /// Checks a fact file whole and puts it in rows. A malformed file is an
  /// error that says what is wrong with it. Thread-safe: touches no merger.
  static llvm::Expected<PreparedFacts> prepare(RawFacts FactFile);
  /// Adds the facts of one prepared fact file.
  void add(const PreparedFacts &FactFile);
  /// prepare, then add: a malformed file adds nothing.
  llvm::Error add(RawFacts FactFile);

  llvm::ArrayRef<Unit> units() const { return Units; }
  /// For each root of the merged facts (by index), the units that saw it.
  llvm::ArrayRef<std::vector<uint32_t>> rootUnits() const { return RootUnits; }
  /// The merged facts (MainFile: the unit's own when there was one), made
  /// on Parallel threads.
  TUFacts take(unsigned Parallel = 1);

private:
  struct State;
  std::string MainFile;
  std::unique_ptr<State> S;
  std::vector<Unit> Units;
  std::vector<std::vector<uint32_t>> RootUnits;
};

/// A destructor's name for messages, from its class's qualified name:
/// "ns::Pool" gives "ns::Pool::~Pool". The one place that spells it.
std::string destructorName(llvm::StringRef QualifiedClass);

/// Writes the fact file of F (the form FactMerger reads) to OS as it goes,
/// compact JSON with its keys sorted, holding only its string table.
void writeFacts(llvm::raw_ostream &OS, const TUFacts &F);

} // namespace shutdown

#endif
