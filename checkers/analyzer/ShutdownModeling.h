//===- ShutdownModeling.h - The checks in the analyzer ---------*- C++ -*-===//
//
// The analyzer front-end of the checks of checkers/Checks.def. One hidden
// modeling checker, shutdown.TeardownModeling, follows the analyzer's paths
// from the teardown roots (a DLL entry point, the destructor of a class with
// a static-storage instance, an atexit handler, a destructor function, each
// analyzed as a top-level function) and tracks, along each path:
//   - the DLL entry point's reason and lpvReserved, as symbols whose
//     constraints the path decides;
//   - where each waited handle comes from: a thread creator on the path, some
//     other call (an event, a process), NULL, or closed; a handle read from a
//     variable or member the path did not write is judged by the facts of the
//     translation unit (checkers/model: where thread handles are stored);
//   - the tests of object state (joinable(), a handle, a running flag) that
//     the path passed, and the thread objects it already joined or detached.
// Each blocking call it reaches becomes a BlockingEvent for every option set
// of the enabled checkers; each checker (one file per check) reports the
// events of its own rule, in the model's words.
//
// A checker is one file, <Class>Checker.cpp, that defines register<Class>
// and shouldRegister<Class> (declared below from Checks.def) and reports the
// events of its rule.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_ANALYZER_SHUTDOWNMODELING_H
#define SHUTDOWN_HAZARDS_ANALYZER_SHUTDOWNMODELING_H

#include "checkers/model/ApiTables.h"
#include "checkers/model/Checks.h"
#include "checkers/model/Facts.h"
#include "checkers/model/Finding.h"
#include "checkers/model/Rules.h"
#include "checkers/model/extract/Extraction.h"
#include "checkers/model/rules/Explain.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ParentMap;
} // namespace clang

namespace shutdown::analyzer {

/// The category of every report of these checkers.
constexpr llvm::StringLiteral Category = "Shutdown hazard";
/// The name of the hidden modeling checker every checker depends on.
constexpr llvm::StringLiteral ModelingName = "shutdown.TeardownModeling";
/// The package; options set on it apply to every checker.
constexpr llvm::StringLiteral PackageName = "shutdown";

// Registration of each checker of Checks.def: shutdown.<Class>.
#define SHUTDOWN_CHECK(Rule, Name, Class, Summary)                             \
  void register##Class(clang::ento::CheckerManager &Mgr);                      \
  bool shouldRegister##Class(const clang::ento::CheckerManager &Mgr);
#include "checkers/Checks.def"
void registerTeardownModeling(clang::ento::CheckerManager &Mgr);
bool shouldRegisterTeardownModeling(const clang::ento::CheckerManager &Mgr);

/// Names as the model spells them: the extraction's own spelling.
using extract::qualifiedName;

/// What the facts of the translation unit say under one option set: which
/// top-level functions are teardown roots, where thread handles are stored,
/// which threads ordinary code stops (the safety net), and the classes of
/// the singleton rule. Made on first use, once per translation unit.
class UnitModel {
public:
  UnitModel(clang::ASTContext &Ctx, const ModelOptions &Options);
  ~UnitModel();

  /// The teardown root a function analyzed as top-level is, if any: a DLL
  /// entry point, an atexit-family handler, a destructor function, or the
  /// destructor of a class that static teardown destroys (a static-storage
  /// instance, or what such an instance owns).
  const RootFact *rootOf(const clang::FunctionDecl *FD);
  /// Whether static teardown reaches that root only through a test: the
  /// object is owned through a pointer (a std::unique_ptr that ordinary code
  /// may have reset first) or destroyed under a condition.
  bool entersGuarded(const clang::FunctionDecl *FD);
  /// Where the thread stored in a variable or member is started (Handle:
  /// only starts that give a Win32 thread handle), following copies.
  const ThreadStart *startOf(const clang::ValueDecl *Storage, bool Handle);
  /// Whether ordinary code joins or waits for the thread stored there: an
  /// explicit stop, which makes a guarded teardown join the safety net.
  bool stoppedByOrdinaryCode(const clang::ValueDecl *Storage);
  /// The finding of the singleton rule that names this thread member.
  const Finding *singletonOf(const clang::ValueDecl *Storage);
  /// Whether a handle that a signal creator made (an event, a semaphore) is
  /// stored there, following copies.
  bool isSignaled(const clang::ValueDecl *Storage);

  /// The facts' blocking site of a call (its bound, what follows a
  /// timeout), if the facts have one there.
  const BlockingSite *siteAt(const clang::Expr *Call, llvm::StringRef Callee);
  /// A facts location as a location of this translation unit.
  clang::SourceLocation toLocation(const SourceLoc &L) const;
  /// Where a class ("D:<USR>") is declared, if the facts know.
  SourceLoc classLoc(llvm::StringRef Class) const;

private:
  std::string usr(const clang::Decl *D);
  std::string functionId(const clang::FunctionDecl *FD);
  void computeFindings();

  clang::ASTContext &Ctx;
  TUFacts Facts;
  llvm::DenseMap<const clang::Decl *, std::string> Usrs;
  llvm::StringMap<const RootFact *> RootByFunction;
  /// Destruction nodes static teardown reaches through unguarded edges.
  llvm::StringSet<> DestroyedUnguarded;
  llvm::StringMap<const ThreadStart *> StartOf, HandleStartOf;
  llvm::StringSet<> Signaled;
  bool FindingsComputed = false;
  std::vector<Finding> Findings;
  llvm::StringMap<const Finding *> SingletonOf;
  llvm::StringSet<> StoppedTargets;
};

/// One option set of the enabled checkers (usually all share one).
struct ModelConfig {
  ModelOptions Options;
  std::string Fingerprint;
  std::unique_ptr<UnitModel> Unit;
  UnitModel &unit(clang::ASTContext &Ctx) {
    if (!Unit)
      Unit = std::make_unique<UnitModel>(Ctx, Options);
    return *Unit;
  }
};

/// A blocking call reached on a path from a teardown root, as judged under
/// one option set: the checker of Rule reports it.
struct BlockingEvent {
  static int Tag;

  unsigned Config = 0; ///< The option set (see useOptions).
  RuleKind Rule = RuleKind::JoinInTeardown;
  clang::ento::CheckerContext *C = nullptr;
  /// Where the reports of the call end, shared by all of them (made by the
  /// first report).
  clang::ento::ExplodedNode **Node = nullptr;
  const clang::ento::CallEvent *Call = nullptr;
  Primitive Prim = Primitive::Join;
  std::string Callee; ///< "std::thread::join", "WaitForSingleObject".
  std::string Target; ///< What it waits for, as written: "m_hThread".
  const RootFact *Root = nullptr;
  const clang::FunctionDecl *RootFunction = nullptr; ///< Analyzed top-level.
  UnitModel *Unit = nullptr;
  /// From a DLL entry point: the reason and the kind of detach this path
  /// allows (Any / Unknown when it allows several).
  DllReason Reason = DllReason::Any;
  DllPath Path = DllPath::Unknown;
  /// The waited handle, when this path created it (its note is a path event).
  clang::ento::SymbolRef Handle = nullptr;
  /// The facts' site of the call: a timed wait is worded by its bound.
  const BlockingSite *Site = nullptr;
  /// Where the waited thread is started, when the facts know and the path
  /// does not show it.
  const ThreadStart *Start = nullptr;
  /// SingletonThreadWithoutUninit: the model's finding for the class.
  const Finding *Singleton = nullptr;
};

/// Reads the options of the checker being registered (its own
/// "-analyzer-config shutdown.<Class>:<Key>=...", else the package's
/// "shutdown:<Key>=...", else the model's default) and returns the index of
/// its option set.
unsigned useOptions(clang::ento::CheckerManager &Mgr);

/// Registers the option keys of ModelOptions for a checker or the package.
void addOptions(
    llvm::function_ref<void(llvm::StringRef Key, llvm::StringRef Description)>
        Add);

// ---- Words: the model's (checkers/model/rules/Explain.h), and events ----

using rules::quoted;
/// "'WaitForSingleObject' waits on thread handle 'm_hThread'".
std::string action(const BlockingEvent &E);
/// What entering a root means, as the first event of its paths, when the
/// root's note (at the variable or the registration) is elsewhere; "" when
/// it is on the function itself (a DLL entry point, a destructor function).
std::string entryNote(const RootFact &R);

// ---- The safety net (Guards.cpp) -----------------------------------------

/// Whether a condition reads object state: a member, a global or static
/// variable, or a joinable() call, as opposed to parameters and locals.
bool testsState(const clang::Stmt *Cond);
/// Whether the branch on Cond decides whether S runs (both in one function,
/// whose parent map PM is): S is in one of its branches, or follows an
/// "if (...) return;" on it in the same block.
bool controls(const clang::Stmt *Cond, const clang::Stmt *S,
              const clang::ParentMap &PM, const clang::SourceManager &SM);

// ---- Reports (Reports.cpp) ------------------------------------------------

/// Reports E with the path that reached it: the root's note, where the
/// waited thread is started, and the events of the path. Reports with the
/// same message at the same place are one (UniqueDecl: once per class).
void reportEvent(const clang::ento::BugType &BT, const BlockingEvent &E,
                 llvm::StringRef Message,
                 clang::ento::PathDiagnosticLocation Unique = {},
                 const clang::Decl *UniqueDecl = nullptr);

} // namespace shutdown::analyzer

#endif
