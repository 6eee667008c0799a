// shutdown.JoinInDllMain: joins and waits on thread handles reached from
// DllMain, a configured entry point, through helpers. Waits on events and
// polls, a DllMain that is not the DLL's entry point (in a namespace, a
// member), and functions that only look like it are clean.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify -verify-ignore-unexpected=note %s
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify=expected,entry -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-config shutdown.JoinInDllMain:DllEntryPoints='DllMain;PluginEntry'

#include <windows.h>
#include <thread>

static HANDLE g_hWorker, g_hStop, g_hDone;
static std::thread g_pump;

static DWORD WINAPI WorkerProc(LPVOID) {
  WaitForSingleObject(g_hStop, INFINITE);
  SetEvent(g_hDone);
  return 0;
}
static void Pump() {}

extern "C" __declspec(dllexport) void PluginStart() {
  g_hStop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hDone = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_hWorker = CreateThread(nullptr, 0, &WorkerProc, nullptr, 0, nullptr);
  g_pump = std::thread(&Pump);
}

static void waitWorker() {
  WaitForSingleObject(g_hWorker, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hWorker' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown.JoinInDllMain]}}
  CloseHandle(g_hWorker);
}

static void stopWorker() {
  SetEvent(g_hStop);
  waitWorker();
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID lpvReserved) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    DisableThreadLibraryCalls(hinstDLL);
    break;
  case DLL_PROCESS_DETACH:
    // An event: none of the joins. With no test of lpvReserved it also runs
    // at process exit, where no thread is left to set it.
    WaitForSingleObject(g_hDone, INFINITE); // expected-warning{{'WaitForSingleObject' waits on 'g_hDone' without a timeout inside 'DllMain' (DLL_PROCESS_DETACH, process exit): at process exit every other thread is already terminated, so nothing can signal it and the process hangs [shutdown.WaitForSignalAtProcessExit]}}
    WaitForSingleObject(g_hWorker, 0);      // A poll: clean.
    stopWorker();
    g_pump.join(); // expected-warning{{'std::thread::join' waits for thread 'g_pump' inside 'DllMain' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock}}
    break;
  }
  return TRUE;
}

// An entry point set with -e PluginEntry: a root when DllEntryPoints names
// it, an ordinary function otherwise.
extern "C" BOOL WINAPI PluginEntry(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_THREAD_DETACH)
    g_pump.join(); // entry-warning{{'std::thread::join' waits for thread 'g_pump' inside 'PluginEntry' (DLL_THREAD_DETACH) while the loader lock is held}}
  return TRUE;
}

//===--- Negatives: not the DLL's entry point ------------------------------===//

BOOL WINAPI NotDllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_DETACH)
    WaitForSingleObject(g_hWorker, INFINITE);
  return TRUE;
}

namespace legacy {
BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_DETACH)
    WaitForSingleObject(g_hWorker, INFINITE);
  return TRUE;
}
} // namespace legacy

struct Plugin {
  static BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
    if (fdwReason == DLL_PROCESS_DETACH)
      g_pump.join();
    return TRUE;
  }
};
