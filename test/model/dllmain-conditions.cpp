// The context of a call or a blocking site (checkers/model/extract/
// Conditions.cpp): guarded by object state, and inside a DLL entry point
// the reason (fdwReason) and the path (lpvReserved) the code around it
// selects. One call per form; every call and site of the file is checked.
//
// RUN: %dump_facts %s -- %mingw -std=c++17 -Wno-unused-value | FileCheck %s --match-full-lines --implicit-check-not='{{^}}call ' --implicit-check-not='{{^}}site ' --check-prefixes=CHECK,OTHER
// A configured entry point reads its parameters as DllMain's.
// RUN: %dump_facts --option='DllEntryPoints=DllMain;PluginEntry' %s -- %mingw -std=c++17 -Wno-unused-value | FileCheck %s --match-full-lines --implicit-check-not='{{^}}call ' --implicit-check-not='{{^}}site ' --check-prefixes=CHECK,ENTRY

#include <thread>
#include <windows.h>

void onDetach();
void onAttach();
void anyReason();
void freeLibrary();
void processExit();
void joinAll();
void log();
HANDLE gWorker;

// ---- The reason: if and switch on the second parameter --------------------

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> onDetach call unguarded reason=DLL_PROCESS_DETACH path=unknown
  if (fdwReason == DLL_PROCESS_DETACH)
    onDetach();
  // Either side of ==, and its else-branch says nothing.
  // CHECK: call {{.*}}:[[@LINE+3]]:5 DllMain -> onAttach call unguarded reason=DLL_PROCESS_ATTACH path=unknown
  // CHECK: call {{.*}}:[[@LINE+4]]:5 DllMain -> anyReason call unguarded reason=any path=unknown
  if (DLL_PROCESS_ATTACH == fdwReason)
    onAttach();
  else
    anyReason();
  // != : the else-branch.
  // CHECK: call {{.*}}:[[@LINE+3]]:5 DllMain -> anyReason call unguarded reason=any path=unknown
  // CHECK: call {{.*}}:[[@LINE+4]]:5 DllMain -> onDetach call unguarded reason=DLL_PROCESS_DETACH path=unknown
  if (fdwReason != DLL_PROCESS_DETACH)
    anyReason();
  else
    onDetach();
  switch (fdwReason) {
  case DLL_PROCESS_ATTACH:
    // CHECK: call {{.*}}:[[@LINE+1]]:5 DllMain -> onAttach call unguarded reason=DLL_PROCESS_ATTACH path=unknown
    onAttach();
    break;
  // Two labels share one body: no one reason.
  case DLL_THREAD_ATTACH:
  case DLL_THREAD_DETACH:
    // CHECK: call {{.*}}:[[@LINE+1]]:5 DllMain -> anyReason call unguarded reason=any path=unknown
    anyReason();
    break;
  case DLL_PROCESS_DETACH:
    // An early exit on lpvReserved inside the case selects FreeLibrary for
    // the rest of it.
    if (lpvReserved != nullptr)
      break;
    // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> onDetach call unguarded reason=DLL_PROCESS_DETACH path=free-library
    // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> freeLibrary call unguarded reason=DLL_PROCESS_DETACH path=free-library
    onDetach();
    freeLibrary();
    break;
  default:
    // CHECK: call {{.*}}:[[@LINE+1]]:5 DllMain -> anyReason call unguarded reason=any path=unknown
    anyReason();
  }

  // ---- The path: tests of the third parameter ------------------------------

  // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> processExit call unguarded reason=any path=process-exit
  if (lpvReserved)
    processExit();
  // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> freeLibrary call unguarded reason=any path=free-library
  if (!lpvReserved)
    freeLibrary();
  // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> processExit call unguarded reason=any path=process-exit
  if (NULL != lpvReserved)
    processExit();
  // Both sides of a taken &&.
  // CHECK: call {{.*}}:[[@LINE+2]]:5 DllMain -> freeLibrary call unguarded reason=DLL_PROCESS_DETACH path=free-library
  if (fdwReason == DLL_PROCESS_DETACH && lpvReserved == nullptr)
    freeLibrary();
  // Neither side of a taken ||, both negated on its failed side.
  // CHECK: call {{.*}}:[[@LINE+3]]:5 DllMain -> anyReason call unguarded reason=any path=unknown
  // CHECK: call {{.*}}:[[@LINE+4]]:5 DllMain -> freeLibrary call unguarded reason=any path=free-library
  if (fdwReason == DLL_PROCESS_ATTACH || lpvReserved)
    anyReason();
  else
    freeLibrary();
  // ?: and the right-hand side of &&.
  // CHECK: call {{.*}}:[[@LINE+1]]:37 DllMain -> onDetach call unguarded reason=DLL_PROCESS_DETACH path=unknown
  fdwReason == DLL_PROCESS_DETACH ? onDetach() : void();
  // CHECK: call {{.*}}:[[@LINE+1]]:39 DllMain -> onAttach call unguarded reason=DLL_PROCESS_ATTACH path=unknown
  fdwReason == DLL_PROCESS_ATTACH && (onAttach(), true);
  // A block that returns after an lpvReserved test: what follows is the
  // other path.
  if (lpvReserved) {
    // CHECK: call {{.*}}:[[@LINE+1]]:5 DllMain -> processExit call unguarded reason=any path=process-exit
    processExit();
    return TRUE;
  }
  // A wait carries the context as a call does.
  // CHECK: site {{.*}}:[[@LINE+2]]:5 DllMain win32-wait 'WaitForSingleObject' on 'gWorker' targets=gWorker unguarded reason=DLL_PROCESS_DETACH path=free-library
  if (fdwReason == DLL_PROCESS_DETACH)
    WaitForSingleObject(gWorker, INFINITE);
  return TRUE;
}

// Not an entry point unless configured: its parameters mean nothing.
BOOL WINAPI PluginEntry(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  // OTHER: call {{.*}}:[[@LINE+3]]:5 PluginEntry -> onDetach call unguarded reason=any path=unknown
  // ENTRY: call {{.*}}:[[@LINE+2]]:5 PluginEntry -> onDetach call unguarded reason=DLL_PROCESS_DETACH path=process-exit
  if (fdwReason == DLL_PROCESS_DETACH && lpvReserved)
    onDetach();
  return TRUE;
}

// ---- Guards: object state controls the statement ------------------------

bool gRunning;

struct Worker {
  std::thread T;
  HANDLE H = nullptr;
  bool Running = false;

  void stop(bool Flag) {
    // CHECK: site {{.*}}:[[@LINE+2]]:7 Worker::stop join 'std::thread::join' on 'T' targets=Worker::T guarded reason=any path=unknown of=this
    if (T.joinable())
      T.join();
    // CHECK: call {{.*}}:[[@LINE+2]]:7 Worker::stop -> joinAll call guarded reason=any path=unknown
    if (Running)
      joinAll();
    // CHECK: call {{.*}}:[[@LINE+2]]:7 Worker::stop -> joinAll call guarded reason=any path=unknown
    if (gRunning)
      joinAll();
    // CHECK: call {{.*}}:[[@LINE+1]]:15 Worker::stop -> joinAll call guarded reason=any path=unknown
    Running ? joinAll() : void();
    // CHECK: call {{.*}}:[[@LINE+1]]:17 Worker::stop -> joinAll call guarded reason=any path=unknown
    Running && (joinAll(), true);
    // A parameter or a local is not object state; a parameter's test is
    // recorded as the condition on the call.
    // CHECK: call {{.*}}:[[@LINE+2]]:7 Worker::stop -> joinAll call unguarded reason=any path=unknown when=0=1
    if (Flag)
      joinAll();
    bool Copy = Running;
    // CHECK: call {{.*}}:[[@LINE+2]]:7 Worker::stop -> joinAll call unguarded reason=any path=unknown
    if (Copy)
      joinAll();
  }

  // Early exits guard what follows them in the same block.
  void earlyReturn() {
    if (!H)
      return;
    // CHECK: site {{.*}}:[[@LINE+1]]:5 Worker::earlyReturn win32-wait 'WaitForSingleObject' on 'H' targets=Worker::H guarded reason=any path=unknown of=this
    WaitForSingleObject(H, INFINITE);
  }
  void earlyBlock() {
    if (!Running) {
      // CHECK: call {{.*}}:[[@LINE+1]]:7 Worker::earlyBlock -> log call guarded reason=any path=unknown
      log();
      return;
    }
    // CHECK: call {{.*}}:[[@LINE+1]]:5 Worker::earlyBlock -> joinAll call guarded reason=any path=unknown
    joinAll();
  }
  void earlyContinue(int N) {
    for (int I = 0; I < N; ++I) {
      if (!Running)
        continue;
      // CHECK: call {{.*}}:[[@LINE+1]]:7 Worker::earlyContinue -> joinAll call guarded reason=any path=unknown
      joinAll();
    }
  }
  // Not early exits: the branch falls through, or there is an else.
  void noExit() {
    // CHECK: call {{.*}}:[[@LINE+2]]:7 Worker::noExit -> log call guarded reason=any path=unknown
    if (!Running)
      log();
    // CHECK: call {{.*}}:[[@LINE+1]]:5 Worker::noExit -> joinAll call unguarded reason=any path=unknown
    joinAll();
  }
  void withElse() {
    if (!Running)
      return;
    else
      // CHECK: call {{.*}}:[[@LINE+1]]:7 Worker::withElse -> log call guarded reason=any path=unknown
      log();
    // CHECK: call {{.*}}:[[@LINE+1]]:5 Worker::withElse -> joinAll call unguarded reason=any path=unknown
    joinAll();
  }
  // An exit does not reach across a case label: that code is entered from
  // the switch.
  void bySwitch(int K) {
    switch (K) {
    case 0:
      if (!Running)
        break;
      // CHECK: call {{.*}}:[[@LINE+1]]:7 Worker::bySwitch -> joinAll call guarded reason=any path=unknown
      joinAll();
    case 1:
      // CHECK: call {{.*}}:[[@LINE+1]]:7 Worker::bySwitch -> joinAll call unguarded reason=any path=unknown
      joinAll();
    }
  }
};
