//===- ApiTables.h - The APIs the teardown model knows, as data -*- C++ -*-===//
//
// Which types are threads, which calls join or wait, which calls create
// threads or register exit handlers, which functions are DLL entry points,
// which wrappers never run their payload's destructor. Defaults cover the C++
// standard library, POSIX, C11 threads, Boost and Win32; these tables can be
// replaced through check options (clang-tidy CheckOptions), and the driver
// reads the same options. The names no option changes (the members of the
// standard library's threads, containers and smart pointers, Win32's handle
// duplication, the program entry points) are data too: FixedApis.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_APITABLES_H
#define SHUTDOWN_HAZARDS_MODEL_APITABLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shutdown {

/// A function that waits on handles; HandleArg is the waited handle or array.
struct WaitFunction {
  std::string Name;
  unsigned HandleArg = 0;
  int TimeoutArg = -1; ///< A literal 0 here means the call does not block.
};

/// A function that creates a thread. HandleArg is the argument receiving the
/// handle or id (-1: the return value); RoutineArg is the thread's body (-1:
/// none, e.g. OpenThread).
struct ThreadCreator {
  std::string Name;
  int HandleArg = -1;
  int RoutineArg = -1;
  bool Win32Handle = true; ///< The handle can be waited on with Win32 waits.
};

/// A function that copies a handle from one argument into the place another
/// points to: DuplicateHandle(Process, Source, Process, &Target, ...).
struct HandleDuplicator {
  llvm::StringRef Name;
  unsigned SourceArg;
  unsigned TargetArg;
};

/// A function that finds a function by its name at run time:
/// GetProcAddress(Module, Name), dlsym(Handle, Name).
struct SymbolLookup {
  llvm::StringRef Name;
  unsigned NameArg;
};

/// A function with a timeout in milliseconds at TimeoutArg, or an ID or
/// handle at some argument: the argument's position beside the name.
struct ApiArg {
  llvm::StringRef Name;
  unsigned Arg;
};

/// The API names of the model that are not options. Names of members are
/// compared with the called member's name; names of functions are patterns
/// (matchesName).
struct FixedApis {
  /// Members of a thread type that join it (ThreadTypes): "join", and the
  /// timed joins of thread libraries ("tryJoin", "try_join_for", Qt's
  /// "wait"), whose first argument, when passed, is the bound.
  llvm::ArrayRef<llvm::StringRef> JoinMethods;
  /// Members of a thread type that start its thread (Poco's and Qt's
  /// "start"): the object holds a running thread afterwards.
  llvm::ArrayRef<llvm::StringRef> StartMethods;
  /// Join functions with a bound (a deadline): "pthread_timedjoin_np".
  llvm::ArrayRef<ApiArg> TimedJoinFunctions;
  /// Functions that end a thread from outside: "TerminateThread". Called
  /// after a timed wait on the same thread, they kill it.
  llvm::ArrayRef<llvm::StringRef> ThreadKillers;
  /// Creators that also write the new thread's ID through a pointer
  /// argument: CreateThread's lpThreadId.
  llvm::ArrayRef<ApiArg> ThreadIdOutputs;
  /// Functions that give the ID of the thread whose handle is their
  /// argument: "GetThreadId".
  llvm::ArrayRef<ApiArg> ThreadIdGetters;
  /// Functions that open a handle of the thread whose ID is their
  /// argument: "OpenThread".
  llvm::ArrayRef<ApiArg> ThreadOpeners;
  /// Functions that give the calling thread's ID: in a thread's routine,
  /// what they return identifies that thread.
  llvm::ArrayRef<llvm::StringRef> CurrentThreadIds;
  /// Functions that destroy the objects their pointer arguments point to:
  /// "std::destroy_at", "std::destroy".
  llvm::ArrayRef<llvm::StringRef> ObjectDestroyers;
  /// Members of a thread type that tell whether it still runs: "joinable".
  /// A condition calling one guards what it controls.
  llvm::ArrayRef<llvm::StringRef> StateQueries;
  /// Members of a thread type that give its handle: "native_handle". A wait
  /// on their result waits on a thread handle.
  llvm::ArrayRef<llvm::StringRef> HandleGetters;
  /// Members that give access to a value an object holds ("get", "front",
  /// "operator[]"): what is read through them is read from the object.
  llvm::ArrayRef<llvm::StringRef> ValueAccessors;
  /// Members of standard containers that add an element: a thread built in
  /// place by one of them is started into the container.
  llvm::ArrayRef<llvm::StringRef> ContainerInserters;
  /// Members of an owning smart pointer that, called with no pointer or a
  /// null one, destroy the pointee: "reset".
  llvm::ArrayRef<llvm::StringRef> PointerResets;
  /// Functions that return a new object owned by a smart pointer.
  llvm::ArrayRef<llvm::StringRef> SmartPointerMakers;
  llvm::ArrayRef<HandleDuplicator> HandleDuplicators;
  /// Typedefs whose values are thread handles or ids when a creator says so;
  /// a value of one of these types (or void *) is followed through copies.
  llvm::ArrayRef<llvm::StringRef> HandleTypes;
  /// Entry points of a program besides main, at global scope.
  llvm::ArrayRef<llvm::StringRef> ProgramEntryPoints;
  /// The argument of [[clang::annotate(...)]] that marks intended teardown.
  llvm::StringRef IntentionalAnnotation;
  /// Functions that look a function up by name: a literal name makes an
  /// extern "C" function of that name an entry point.
  llvm::ArrayRef<SymbolLookup> SymbolLookups;
};

/// The one table of FixedApis.
const FixedApis &fixedApis();

/// A check option whose value does not parse. The option keeps its default.
struct OptionError {
  std::string Key;      ///< The option: "AssumeDll", "WaitFunctions".
  std::string Value;    ///< What does not parse: the value, or a list entry.
  std::string Expected; ///< What was expected, for the message.
};

struct ModelOptions {
  /// Types whose objects are threads and whose join() blocks.
  std::vector<std::string> ThreadTypes;
  /// Thread types whose destructor joins (std::jthread).
  std::vector<std::string> JoiningThreadTypes;
  /// Free functions whose first argument is a thread to join.
  std::vector<std::string> JoinFunctions;
  std::vector<WaitFunction> WaitFunctions;
  std::vector<ThreadCreator> ThreadCreators;
  /// Functions whose first argument is a function to run at exit.
  std::vector<std::string> AtExitRegistrars;
  /// Functions treated like DllMain (entry points built with -e or /ENTRY).
  std::vector<std::string> DllEntryPoints;
  /// Wrapper templates whose destructor never destroys the payload.
  std::vector<std::string> NoDestructorTemplates;
  /// Templates that own (destroy) objects of their type arguments.
  std::vector<std::string> OwningTemplates;
  /// Treat the code as part of a DLL even if it defines no entry point.
  bool AssumeDll = false;
  /// Functions that must not be called under the loader lock. A name also
  /// names its ANSI and wide forms: "LoadLibrary" is LoadLibraryA and
  /// LoadLibraryW too.
  std::vector<std::string> LoaderLockFunctions;
  /// Waits for a signal that another thread gives (a condition variable, a
  /// future, a latch, a semaphore), in the form of WaitFunctions: for a
  /// member function ("std::future::get") the object is what is waited on
  /// and HandleArg is not read; TimeoutArg bounds the wait when it is not
  /// INFINITE.
  std::vector<WaitFunction> SignalWaitFunctions;
  /// Functions that return a handle that a thread signals (an event, a
  /// semaphore): a Win32 wait on it waits for a signal. The same forms as
  /// LoaderLockFunctions.
  std::vector<std::string> SignalCreateFunctions;
  /// Globs of paths (relative to the project root, or absolute) of vendored
  /// code: its functions are dependencies, never entry points.
  std::vector<std::string> ThirdPartyPaths;

  static ModelOptions defaults();

  /// The defaults, overridden by every option Get knows. Keys are the
  /// CheckOptions names: ThreadTypes, JoiningThreadTypes, JoinFunctions,
  /// WaitFunctions, ThreadCreateFunctions, AtExitRegistrars, DllEntryPoints,
  /// NoDestructorTemplates, OwningTemplates, AssumeDll, LoaderLockFunctions,
  /// SignalWaitFunctions, SignalCreateFunctions, ThirdPartyPaths. An option
  /// whose value
  /// does not parse keeps its default and is passed to OnError.
  static ModelOptions fromOptions(
      llvm::function_ref<std::optional<std::string>(llvm::StringRef)> Get,
      llvm::function_ref<void(const OptionError &)> OnError = nullptr);
  /// Every option as (key, value), in the string forms fromOptions reads.
  std::vector<std::pair<std::string, std::string>> toOptions() const;

  // The string forms used in CheckOptions: ';'-separated lists; wait
  // functions as Name[:HandleArg[:TimeoutArg]], creators as
  // Name[:HandleArg[:RoutineArg[:Win32Handle]]] (-1 = return value / none;
  // Win32Handle 1 when the handle can be waited on with Win32 waits). The
  // parsers give nullopt for a value with an entry not of that form, and
  // name the entry in Bad; booleans are true/false, yes/no, on/off or 1/0,
  // in any case.
  static std::string joinList(llvm::ArrayRef<std::string> L);
  static std::vector<std::string> splitList(llvm::StringRef S);
  static std::string formatWaits(llvm::ArrayRef<WaitFunction> L);
  static std::optional<std::vector<WaitFunction>> parseWaits(llvm::StringRef S,
                                                             std::string &Bad);
  static std::string formatCreators(llvm::ArrayRef<ThreadCreator> L);
  static std::optional<std::vector<ThreadCreator>>
  parseCreators(llvm::StringRef S, std::string &Bad);
  static std::optional<bool> parseBool(llvm::StringRef S);

  /// A stable text of every option; equal options give equal keys.
  std::string fingerprint() const;
};

/// Whether a qualified name ("std::__1::thread" printed without inline
/// namespaces: "std::thread") matches one of the patterns. A pattern matches
/// the whole name or a suffix of it made of whole components; a leading "::"
/// anchors it at the global namespace.
bool matchesAnyName(llvm::StringRef QualifiedName,
                    llvm::ArrayRef<std::string> Patterns);
bool matchesAnyName(llvm::StringRef QualifiedName,
                    llvm::ArrayRef<llvm::StringRef> Patterns);
/// The same for one pattern.
bool matchesName(llvm::StringRef QualifiedName, llvm::StringRef Pattern);

} // namespace shutdown

#endif
