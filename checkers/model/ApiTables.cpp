//===- ApiTables.cpp - Default API tables and their option forms ----------===//

#include "checkers/model/ApiTables.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <climits>

using namespace llvm;

namespace shutdown {

namespace {

constexpr StringRef JoinMethods[] = {
    "join", "tryJoin", "try_join_for", "timed_join", "try_join_until", "wait"};
constexpr StringRef StartMethods[] = {"start", "startFunc"};
constexpr ApiArg TimedJoinFunctions[] = {{"pthread_timedjoin_np", 2}};
constexpr StringRef ThreadKillers[] = {"TerminateThread", "pthread_cancel"};
constexpr ApiArg ThreadIdOutputs[] = {
    {"CreateThread", 5}, {"CreateRemoteThread", 6}, {"_beginthreadex", 5}};
constexpr ApiArg ThreadIdGetters[] = {{"GetThreadId", 0}};
constexpr ApiArg ThreadOpeners[] = {{"OpenThread", 2}};
constexpr StringRef CurrentThreadIds[] = {"GetCurrentThreadId", "pthread_self",
                                          "thrd_current"};
constexpr StringRef ObjectDestroyers[] = {"std::destroy_at", "std::destroy",
                                          "std::destroy_n"};
constexpr StringRef StateQueries[] = {"joinable"};
constexpr StringRef HandleGetters[] = {"native_handle"};
constexpr StringRef ValueAccessors[] = {
    "get",  "at",        "front",      "back",      "value",
    "data", "operator*", "operator->", "operator[]"};
constexpr StringRef ContainerInserters[] = {
    "push_back", "emplace_back", "push_front", "emplace_front",
    "emplace",   "insert",       "try_emplace"};
constexpr StringRef PointerResets[] = {"reset"};
constexpr StringRef SmartPointerMakers[] = {"make_shared", "make_unique",
                                            "allocate_shared"};
// Anchored: Win32's own function, at global scope.
constexpr HandleDuplicator HandleDuplicators[] = {{"::DuplicateHandle", 1, 3}};
constexpr StringRef HandleTypes[] = {"HANDLE", "uintptr_t", "pthread_t",
                                     "thrd_t"};
constexpr StringRef ProgramEntryPoints[] = {"wmain", "WinMain", "wWinMain"};
constexpr SymbolLookup SymbolLookups[] = {
    {"GetProcAddress", 1}, {"dlsym", 1}, {"dlvsym", 1}};

} // namespace

const FixedApis &fixedApis() {
  static constexpr FixedApis Apis{JoinMethods,
                                  StartMethods,
                                  TimedJoinFunctions,
                                  ThreadKillers,
                                  ThreadIdOutputs,
                                  ThreadIdGetters,
                                  ThreadOpeners,
                                  CurrentThreadIds,
                                  ObjectDestroyers,
                                  StateQueries,
                                  HandleGetters,
                                  ValueAccessors,
                                  ContainerInserters,
                                  PointerResets,
                                  SmartPointerMakers,
                                  HandleDuplicators,
                                  HandleTypes,
                                  ProgramEntryPoints,
                                  "shutdown-hazards:intentional",
                                  SymbolLookups};
  return Apis;
}

ModelOptions ModelOptions::defaults() {
  ModelOptions O;
  O.ThreadTypes = {"std::thread", "boost::thread", "Poco::Thread", "QThread"};
  O.JoiningThreadTypes = {"std::jthread", "boost::scoped_thread",
                          "boost::strict_scoped_thread"};
  O.JoinFunctions = {"pthread_join", "thrd_join"};
  O.WaitFunctions = {{"WaitForSingleObject", 0, 1},
                     {"WaitForSingleObjectEx", 0, 1},
                     {"WaitForMultipleObjects", 1, 3},
                     {"WaitForMultipleObjectsEx", 1, 3},
                     {"MsgWaitForMultipleObjects", 1, 3},
                     {"MsgWaitForMultipleObjectsEx", 1, 2},
                     {"SignalObjectAndWait", 1, 2}};
  O.ThreadCreators = {
      {"CreateThread", -1, 2, true},   {"CreateRemoteThread", -1, 3, true},
      {"_beginthreadex", -1, 2, true}, {"_beginthread", -1, 0, true},
      {"OpenThread", -1, -1, true},    {"pthread_create", 0, 2, false},
      {"thrd_create", 0, 1, false}};
  O.AtExitRegistrars = {"atexit", "at_quick_exit", "_onexit", "onexit"};
  O.DllEntryPoints = {"DllMain"};
  O.NoDestructorTemplates = {"NoDestructor", "absl::NoDestructor",
                             "base::NoDestructor"};
  O.OwningTemplates = {"std::unique_ptr",    "std::shared_ptr",
                       "std::optional",      "std::vector",
                       "std::deque",         "std::list",
                       "std::forward_list",  "std::array",
                       "std::map",           "std::multimap",
                       "std::unordered_map", "std::unordered_multimap",
                       "std::set",           "std::multiset",
                       "std::unordered_set", "std::unordered_multiset",
                       "std::pair",          "std::tuple",
                       "std::variant",       "boost::optional"};
  // Microsoft's "Dynamic-Link Library Best Practices": what must not run
  // under the loader lock. Each name stands for its A and W forms too.
  O.LoaderLockFunctions = {
      // Loading and freeing libraries.
      "LoadLibrary", "LoadLibraryEx", "LoadPackagedLibrary", "FreeLibrary",
      "FreeLibraryAndExitThread",
      // COM and OLE.
      "CoInitialize", "CoInitializeEx", "CoUninitialize", "OleInitialize",
      "OleUninitialize", "CoCreateInstance", "CoCreateInstanceEx",
      "CoGetClassObject",
      // Processes.
      "CreateProcess", "CreateProcessAsUser", "CreateProcessWithLogon",
      "CreateProcessWithToken", "ShellExecute", "ShellExecuteEx", "WinExec",
      "system", "_wsystem", "_popen", "_wpopen",
      // Threads.
      "ExitThread",
      // The registry.
      "RegOpenKey", "RegOpenKeyEx", "RegCreateKey", "RegCreateKeyEx",
      "RegQueryValue", "RegQueryValueEx", "RegGetValue", "RegSetValue",
      "RegSetValueEx", "RegSetKeyValue", "RegDeleteKey", "RegDeleteKeyEx",
      "RegDeleteValue", "RegDeleteTree", "RegEnumKey", "RegEnumKeyEx",
      "RegEnumValue", "RegQueryInfoKey", "RegCloseKey", "RegFlushKey",
      "RegConnectRegistry", "RegOpenCurrentUser", "RegLoadKey",
      "RegNotifyChangeKeyValue",
      // user32: windows and messages.
      "MessageBox", "MessageBoxEx", "MessageBoxIndirect", "CreateWindow",
      "CreateWindowEx", "DestroyWindow", "CreateDialogParam", "DialogBoxParam",
      "SendMessage", "SendMessageTimeout", "SendNotifyMessage", "PostMessage",
      "PostThreadMessage", "GetMessage", "PeekMessage", "DispatchMessage",
      "RegisterClass", "RegisterClassEx", "SetWindowsHookEx",
      // Winsock.
      "WSAStartup", "WSACleanup"};
  O.SignalWaitFunctions = {{"std::condition_variable::wait", 0, -1},
                           {"condition_variable_any::wait", 0, -1},
                           {"std::future::get", 0, -1},
                           {"std::future::wait", 0, -1},
                           {"std::shared_future::get", 0, -1},
                           {"std::shared_future::wait", 0, -1},
                           {"std::latch::wait", 0, -1},
                           {"std::latch::arrive_and_wait", 0, -1},
                           {"std::barrier::arrive_and_wait", 0, -1},
                           {"std::counting_semaphore::acquire", 0, -1},
                           {"pthread_cond_wait", 0, -1},
                           {"sem_wait", 0, -1},
                           {"SleepConditionVariableCS", 0, 2},
                           {"SleepConditionVariableSRW", 0, 2}};
  O.SignalCreateFunctions = {"CreateEvent",       "CreateEventEx",
                             "OpenEvent",         "CreateSemaphore",
                             "CreateSemaphoreEx", "OpenSemaphore"};
  O.ThirdPartyPaths = {"third_party/", "3rdparty/", "vendor/", "external/"};
  return O;
}

ModelOptions ModelOptions::fromOptions(
    function_ref<std::optional<std::string>(StringRef)> Get,
    function_ref<void(const OptionError &)> OnError) {
  ModelOptions O = defaults();
  auto Report = [&](StringRef Key, std::string Value, StringRef Expected) {
    if (OnError)
      OnError({Key.str(), std::move(Value), Expected.str()});
  };
  auto List = [&](StringRef Key, std::vector<std::string> &Into) {
    if (std::optional<std::string> V = Get(Key))
      Into = splitList(*V);
  };
  // A table replaces its default only when every entry parses.
  auto Table = [&](StringRef Key, auto Parse, auto &Into, StringRef Expected) {
    std::optional<std::string> V = Get(Key);
    if (!V)
      return;
    std::string Bad;
    if (auto Parsed = Parse(*V, Bad))
      Into = std::move(*Parsed);
    else
      Report(Key, std::move(Bad), Expected);
  };
  List("ThreadTypes", O.ThreadTypes);
  List("JoiningThreadTypes", O.JoiningThreadTypes);
  List("JoinFunctions", O.JoinFunctions);
  List("AtExitRegistrars", O.AtExitRegistrars);
  List("DllEntryPoints", O.DllEntryPoints);
  List("NoDestructorTemplates", O.NoDestructorTemplates);
  List("OwningTemplates", O.OwningTemplates);
  List("LoaderLockFunctions", O.LoaderLockFunctions);
  List("SignalCreateFunctions", O.SignalCreateFunctions);
  List("ThirdPartyPaths", O.ThirdPartyPaths);
  Table("WaitFunctions", parseWaits, O.WaitFunctions,
        "Name[:HandleArg[:TimeoutArg]], HandleArg from 0, TimeoutArg from 0 "
        "or -1 for none");
  Table("SignalWaitFunctions", parseWaits, O.SignalWaitFunctions,
        "Name[:HandleArg[:TimeoutArg]], HandleArg from 0, TimeoutArg from 0 "
        "or -1 for none");
  Table("ThreadCreateFunctions", parseCreators, O.ThreadCreators,
        "Name[:HandleArg[:RoutineArg[:Win32Handle]]], HandleArg and "
        "RoutineArg from 0 or -1 for none, Win32Handle 0 or 1");
  if (std::optional<std::string> V = Get("AssumeDll")) {
    if (std::optional<bool> B = parseBool(*V))
      O.AssumeDll = *B;
    else
      Report("AssumeDll", *V, "true/false, yes/no, on/off or 1/0");
  }
  return O;
}

std::vector<std::pair<std::string, std::string>>
ModelOptions::toOptions() const {
  return {{"ThreadTypes", joinList(ThreadTypes)},
          {"JoiningThreadTypes", joinList(JoiningThreadTypes)},
          {"JoinFunctions", joinList(JoinFunctions)},
          {"WaitFunctions", formatWaits(WaitFunctions)},
          {"ThreadCreateFunctions", formatCreators(ThreadCreators)},
          {"AtExitRegistrars", joinList(AtExitRegistrars)},
          {"DllEntryPoints", joinList(DllEntryPoints)},
          {"NoDestructorTemplates", joinList(NoDestructorTemplates)},
          {"OwningTemplates", joinList(OwningTemplates)},
          {"AssumeDll", AssumeDll ? "true" : "false"},
          {"LoaderLockFunctions", joinList(LoaderLockFunctions)},
          {"SignalWaitFunctions", formatWaits(SignalWaitFunctions)},
          {"SignalCreateFunctions", joinList(SignalCreateFunctions)},
          {"ThirdPartyPaths", joinList(ThirdPartyPaths)}};
}

std::string ModelOptions::fingerprint() const {
  std::string S;
  for (const auto &[K, V] : toOptions())
    S += K + "=" + V + "\n";
  return S;
}

std::string ModelOptions::joinList(ArrayRef<std::string> L) {
  return join(L, ";");
}

std::vector<std::string> ModelOptions::splitList(StringRef S) {
  SmallVector<StringRef> Parts;
  S.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

std::optional<bool> ModelOptions::parseBool(StringRef S) {
  S = S.trim();
  for (StringRef T : {"true", "yes", "on", "1"})
    if (S.equals_insensitive(T))
      return true;
  for (StringRef F : {"false", "no", "off", "0"})
    if (S.equals_insensitive(F))
      return false;
  return std::nullopt;
}

namespace {

/// One field of a list entry: an integer in [Min, Max]; missing fields keep
/// Value.
struct Field {
  int Value;
  int Min;
  int Max;
};
} // namespace

/// Whether Name is a function name: identifiers joined by "::", with a
/// leading "::" or not ("WaitForSingleObject", "::rt::StartThread").
static bool isQualifiedName(StringRef Name) {
  Name.consume_front("::");
  SmallVector<StringRef> Components;
  Name.split(Components, "::");
  return all_of(Components, [](StringRef C) {
    return !C.empty() && !isDigit(C.front()) &&
           all_of(C, [](char Ch) { return isAlnum(Ch) || Ch == '_'; });
  });
}

/// Parses "Name:1:-1" into Name and Fields; the name may be qualified
/// ("rt::StartThread:-1:1:1"). nullopt when the name is not a function name,
/// there are more fields than Fields, or a field is not an integer in range.
static std::optional<std::string> parseEntry(StringRef Entry,
                                             MutableArrayRef<Field> Fields) {
  // The name ends at the first ':' that is not half of a "::".
  size_t End = 0;
  for (; End < Entry.size(); ++End) {
    if (Entry[End] != ':')
      continue;
    if (End + 1 < Entry.size() && Entry[End + 1] == ':') {
      ++End;
      continue;
    }
    break;
  }
  StringRef Name = Entry.take_front(End).trim();
  if (!isQualifiedName(Name))
    return std::nullopt;
  SmallVector<StringRef> Parts;
  if (End < Entry.size())
    Entry.drop_front(End + 1).split(Parts, ':');
  if (Parts.size() > Fields.size())
    return std::nullopt;
  for (unsigned I = 0; I < Parts.size(); ++I) {
    int V;
    if (Parts[I].trim().getAsInteger(10, V) || V < Fields[I].Min ||
        V > Fields[I].Max)
      return std::nullopt;
    Fields[I].Value = V;
  }
  return Name.str();
}

std::string ModelOptions::formatWaits(ArrayRef<WaitFunction> L) {
  std::vector<std::string> S;
  for (const WaitFunction &W : L)
    S.push_back(W.Name + ":" + std::to_string(W.HandleArg) + ":" +
                std::to_string(W.TimeoutArg));
  return joinList(S);
}

std::optional<std::vector<WaitFunction>>
ModelOptions::parseWaits(StringRef S, std::string &Bad) {
  std::vector<WaitFunction> Out;
  for (const std::string &E : splitList(S)) {
    Field Fields[] = {{0, 0, INT_MAX}, {-1, -1, INT_MAX}};
    std::optional<std::string> Name = parseEntry(E, Fields);
    if (!Name) {
      Bad = E;
      return std::nullopt;
    }
    Out.push_back({*Name, unsigned(Fields[0].Value), Fields[1].Value});
  }
  return Out;
}

std::string ModelOptions::formatCreators(ArrayRef<ThreadCreator> L) {
  std::vector<std::string> S;
  for (const ThreadCreator &C : L)
    S.push_back(C.Name + ":" + std::to_string(C.HandleArg) + ":" +
                std::to_string(C.RoutineArg) + ":" +
                (C.Win32Handle ? "1" : "0"));
  return joinList(S);
}

std::optional<std::vector<ThreadCreator>>
ModelOptions::parseCreators(StringRef S, std::string &Bad) {
  std::vector<ThreadCreator> Out;
  for (const std::string &E : splitList(S)) {
    Field Fields[] = {{-1, -1, INT_MAX}, {-1, -1, INT_MAX}, {1, 0, 1}};
    std::optional<std::string> Name = parseEntry(E, Fields);
    if (!Name) {
      Bad = E;
      return std::nullopt;
    }
    Out.push_back(
        {*Name, Fields[0].Value, Fields[1].Value, Fields[2].Value != 0});
  }
  return Out;
}

bool matchesName(StringRef QualifiedName, StringRef Pattern) {
  QualifiedName.consume_front("::");
  if (Pattern.consume_front("::"))
    return QualifiedName == Pattern;
  return QualifiedName == Pattern ||
         (QualifiedName.ends_with(Pattern) &&
          QualifiedName.drop_back(Pattern.size()).ends_with("::"));
}

bool matchesAnyName(StringRef QualifiedName, ArrayRef<std::string> Patterns) {
  return any_of(Patterns, [&](const std::string &P) {
    return matchesName(QualifiedName, P);
  });
}

bool matchesAnyName(StringRef QualifiedName, ArrayRef<StringRef> Patterns) {
  return any_of(Patterns,
                [&](StringRef P) { return matchesName(QualifiedName, P); });
}

} // namespace shutdown
