// shutdown-join-in-dllmain: a DLL linked with its own entry point
// (-e MyEntry, /ENTRY:MyEntry) names it in CheckOptions DllEntryPoints. The
// DllMain of this file only disables thread notifications and sets flags:
// clean. Without the option, MyEntry is an ordinary function and nothing is
// reported; a function with the same body that is not listed never is.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' --config="{CheckOptions: {DllEntryPoints: 'DllMain;MyEntry'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' --config="{CheckOptions: {DllEntryPoints: 'DllMain;MyEntry'}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DEFAULT --allow-empty --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-join-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DEFAULT --allow-empty --implicit-check-not="{{warning|error}}:"
// DEFAULT-NOT: MyEntry

#include <windows.h>

static HANDLE g_hThread;
static bool g_loaded;

static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void PluginStart() {
  g_hThread = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

// CHECK: :[[@LINE+5]]:3: warning: 'WaitForSingleObject' waits on thread handle 'g_hThread' inside 'MyEntry' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock [shutdown-join-in-dllmain]
// CHECK: :[[@LINE+21]]:24: note: 'MyEntry' is a DLL entry point: the loader calls it holding the loader lock
// CHECK: :[[@LINE+23]]:5: note: 'MyEntry' calls 'stopWorker' here (DLL_PROCESS_DETACH)
// CHECK: :[[@LINE-6]]:15: note: the waited thread is started here by 'CreateThread', running 'Proc'
static void stopWorker() {
  WaitForSingleObject(g_hThread, INFINITE);
  CloseHandle(g_hThread);
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    DisableThreadLibraryCalls(hinstDLL);
    g_loaded = true;
    break;
  case DLL_PROCESS_DETACH:
    g_loaded = false;
    break;
  }
  return TRUE;
}

extern "C" BOOL WINAPI MyEntry(HINSTANCE, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_PROCESS_DETACH:
    stopWorker();
    break;
  }
  return TRUE;
}

extern "C" BOOL WINAPI OtherEntry(HINSTANCE, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_PROCESS_DETACH:
    stopWorker();
    break;
  }
  return TRUE;
}
