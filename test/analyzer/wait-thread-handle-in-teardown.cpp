// shutdown.WaitThreadHandleInTeardown: Win32 waits on thread handles reached
// from static teardown. In an executable, exit hangs; in a DLL (a unit that
// defines DllMain, or AssumeDll), static teardown runs inside
// DllMain(DLL_PROCESS_DETACH) under the loader lock: the deadlock on
// FreeLibrary. Waits on events are clean, and so are joins, which are
// shutdown.JoinInTeardown's.
//
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected,exe -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitThreadHandleInTeardown
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected,dll -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitThreadHandleInTeardown -DDEFINE_DLLMAIN
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected,dll -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitThreadHandleInTeardown \
// RUN:   -analyzer-config shutdown.WaitThreadHandleInTeardown:AssumeDll=true
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected,dll -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.WaitThreadHandleInTeardown -analyzer-config shutdown:AssumeDll=true

#include <windows.h>
#include <stdlib.h>
#include <thread>

static HANDLE StopEvent;
static HANDLE Uploader;
static std::thread Indexer;

static DWORD WINAPI upload(LPVOID) {
  while (WaitForSingleObject(StopEvent, 1000) == WAIT_TIMEOUT) {
  }
  return 0;
}

static void stopUploader() {
  SetEvent(StopEvent);
  WaitForSingleObject(StopEvent, INFINITE); // An event: clean.
  WaitForSingleObject(Uploader, INFINITE);
  // exe-warning@-1{{'WaitForSingleObject' waits on thread handle 'Uploader' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown.WaitThreadHandleInTeardown]}}
  // dll-warning@-2{{'WaitForSingleObject' waits on thread handle 'Uploader' during static teardown of a DLL, inside DllMain(DLL_PROCESS_DETACH) under the loader lock; the thread needs that lock to exit: deadlock on FreeLibrary [shutdown.WaitThreadHandleInTeardown]}}
  Indexer.join(); // A join: another checker's.
}

class Cache {
public:
  void start() {
    Thread = CreateThread(nullptr, 0, &upload, nullptr, 0, nullptr);
  }
  ~Cache() {
    WaitForMultipleObjects(1, &Thread, TRUE, 5000);
    // exe-warning@-1{{'WaitForMultipleObjects' waits up to 5000 ms on thread handle '&Thread' during static teardown; exit stalls for up to 5000 ms}}
    // dll-warning@-2{{'WaitForMultipleObjects' waits up to 5000 ms on thread handle '&Thread' during static teardown of a DLL}}
  }

private:
  HANDLE Thread = nullptr;
};
static Cache TheCache;

extern "C" __declspec(dllexport) void Start() {
  StopEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  Uploader = CreateThread(nullptr, 0, upload, nullptr, 0, nullptr);
  Indexer = std::thread([] {});
  atexit(stopUploader);
  TheCache.start();
}

#ifdef DEFINE_DLLMAIN
BOOL WINAPI DllMain(HINSTANCE, DWORD, LPVOID) { return TRUE; }
#endif
