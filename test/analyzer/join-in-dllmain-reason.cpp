// shutdown.JoinInDllMain, path-sensitive: the reason (fdwReason) and the kind
// of detach (lpvReserved) are the ones the path to the wait allows, through
// locals and the helpers that receive them. Each entry point below is its
// own DLL entry (DllEntryPoints), analyzed with symbolic parameters.
//
// RUN: %clang_analyze_cc1 -analyzer-checker=shutdown %cc1_mingw -std=c++17 -verify -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-config shutdown:DllEntryPoints='DllMain;HelperReason;CopiedReason;AttachOnly;ThreadReasons;Unconditional;ExitFlag;ExitOnlyHelper;NoExitHelper'

#include <windows.h>

static HANDLE g_hA, g_hB, g_hC;
static DWORD WINAPI Proc(LPVOID) { return 0; }

extern "C" __declspec(dllexport) void Start() {
  g_hA = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hB = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  g_hC = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
}

// A helper that receives the reason and waits only on detach.
static void onNotify(DWORD reason) {
  if (reason == DLL_PROCESS_DETACH)
    WaitForSingleObject(g_hA, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hA' inside 'HelperReason' (DLL_PROCESS_DETACH) while the loader lock is held; the thread needs that lock to exit: deadlock}}
}

// Negative: onNotify is called on the attach path only, where its wait
// cannot run. (The facts engine reports it: it cannot see the helper's test.)
BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_ATTACH)
    onNotify(fdwReason);
  return TRUE;
}

// Positive: called for every reason; the helper's own test picks detach.
BOOL WINAPI HelperReason(HINSTANCE, DWORD fdwReason, LPVOID) {
  onNotify(fdwReason);
  return TRUE;
}

// The reason copied into a local first.
BOOL WINAPI CopiedReason(HINSTANCE, DWORD fdwReason, LPVOID) {
  DWORD Why = fdwReason;
  bool Detaching = Why == DLL_PROCESS_DETACH;
  if (Detaching)
    WaitForSingleObject(g_hB, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hB' inside 'CopiedReason' (DLL_PROCESS_DETACH) while the loader lock is held}}
  return TRUE;
}

// A wait reached only on attach is worded with that reason, not as the
// detach deadlock (a thread started there cannot start, let alone end,
// while the loader lock is held).
BOOL WINAPI AttachOnly(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason != DLL_PROCESS_ATTACH)
    return TRUE;
  HANDLE Init = CreateThread(nullptr, 0, &Proc, nullptr, 0, nullptr);
  WaitForSingleObject(Init, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'Init' inside 'AttachOnly' (DLL_PROCESS_ATTACH) while the loader lock is held; the thread needs that lock to exit: deadlock}}
  return TRUE;
}

BOOL WINAPI ThreadReasons(HINSTANCE, DWORD fdwReason, LPVOID) {
  switch (fdwReason) {
  case DLL_THREAD_ATTACH:
    WaitForSingleObject(g_hA, INFINITE); // expected-warning{{inside 'ThreadReasons' (DLL_THREAD_ATTACH) while the loader lock is held}}
    break;
  case DLL_THREAD_DETACH:
    WaitForSingleObject(g_hB, INFINITE); // expected-warning{{inside 'ThreadReasons' (DLL_THREAD_DETACH) while the loader lock is held}}
    break;
  }
  return TRUE;
}

// Nothing on the path decides: no reason, no kind of detach.
BOOL WINAPI Unconditional(HINSTANCE, DWORD, LPVOID) {
  WaitForSingleObject(g_hC, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hC' inside 'Unconditional' while the loader lock is held; the thread needs that lock to exit: deadlock}}
  return TRUE;
}

// lpvReserved made into a BOOL and passed to a helper: the FreeLibrary path
// is the deadlock, the process-exit path is worded as what it is.
static void finish(BOOL processExit) {
  if (processExit)
    WaitForSingleObject(g_hA, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hA' inside 'ExitFlag' (DLL_PROCESS_DETACH, process exit): at process exit the other threads are already terminated, so the wait cannot tell whether its thread finished its work}}
  else
    WaitForSingleObject(g_hB, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hB' inside 'ExitFlag' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held; the thread needs that lock to exit: deadlock}}
}

BOOL WINAPI ExitFlag(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason == DLL_PROCESS_DETACH) {
    BOOL processExit = lpvReserved != nullptr;
    finish(processExit);
  }
  return TRUE;
}

// Negative: the helper waits only on FreeLibrary, and is called only at
// process exit.
static void flush(BOOL atExit) {
  if (atExit)
    return;
  WaitForSingleObject(g_hC, INFINITE);
}

BOOL WINAPI ExitOnlyHelper(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason == DLL_PROCESS_DETACH && lpvReserved)
    flush(TRUE);
  return TRUE;
}

// The same helper called on FreeLibrary: the deadlock.
static void stopAll(LPVOID reserved) {
  if (reserved == nullptr)
    WaitForSingleObject(g_hC, INFINITE); // expected-warning{{'WaitForSingleObject' waits on thread handle 'g_hC' inside 'NoExitHelper' (DLL_PROCESS_DETACH, FreeLibrary) while the loader lock is held}}
}

BOOL WINAPI NoExitHelper(HINSTANCE, DWORD fdwReason, LPVOID lpvReserved) {
  if (fdwReason == DLL_PROCESS_DETACH)
    stopAll(lpvReserved);
  return TRUE;
}
