// shutdown-join-in-teardown in a DLL: the translation unit defines DllMain,
// so the C runtime runs its static destructors and its atexit/_onexit
// handlers from DllMain(DLL_PROCESS_DETACH), under the loader lock. The
// message says so. DllMain itself joins nothing here (the DllMain rule has
// its own tests).
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <stdlib.h>
#include <thread>
#include <windows.h>

static void work() {}

// ---- A static object of the DLL. ------------------------------------------

class Cache {
public:
  Cache() : t_(work) {}
  ~Cache() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock; the thread needs that lock to exit: deadlock on FreeLibrary [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+7]]:7: note: 'gCache' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
    t_.join();
  }

private:
  std::thread t_;
};
Cache gCache;

// ---- An atexit handler of the DLL. ----------------------------------------

std::thread gSync;
static void stopSync() {
  // CHECK: :[[@LINE+2]]:3: warning: 'std::thread::join' waits for thread 'gSync' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE+20]]:3: note: 'stopSync' is registered with 'atexit' here: in a DLL it runs at unload, under the loader lock
  gSync.join();
}

// ---- A destructor function of the DLL. ------------------------------------

std::thread gFini;
__attribute__((destructor)) static void fini() {
  // CHECK: :[[@LINE+2]]:3: warning: 'std::thread::join' waits for thread 'gFini' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock{{.*}} [shutdown-join-in-teardown]
  // CHECK: :[[@LINE-2]]:41: note: 'fini' is a destructor function: it runs at exit or when its library is unloaded, under the loader lock
  gFini.join();
}

// ---- Negatives: the exported start/stop pair joins in ordinary code. ------

std::thread gWorker;
extern "C" __declspec(dllexport) void PluginStart() {
  gWorker = std::thread(work);
  gSync = std::thread(work);
  gFini = std::thread(work);
  atexit(stopSync);
}
extern "C" __declspec(dllexport) void PluginStop() {
  if (gWorker.joinable())
    gWorker.join();
}

BOOL WINAPI DllMain(HINSTANCE Instance, DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_ATTACH)
    DisableThreadLibraryCalls(Instance);
  return TRUE;
}
