// shutdown.LoaderLockCallInDllMain: calls forbidden under the loader lock,
// reached on the analyzer's paths from DllMain, a TLS callback, and in a DLL
// from a static object's constructor (its dynamic initialization) and
// destructor, an atexit handler, constructor and destructor functions. In an
// executable (no DllMain) only the TLS callback holds the lock. A thread
// routine DllMain only starts, an export, and a path the reason excludes are
// clean.
//
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected,dll -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.LoaderLockCallInDllMain -DDEFINE_DLLMAIN
// RUN: %clang_analyze_cc1 %cc1_mingw -std=c++17 -verify=expected -verify-ignore-unexpected=note %s \
// RUN:   -analyzer-checker=shutdown.LoaderLockCallInDllMain

#include <windows.h>
#include <objbase.h>
#include <stdlib.h>

struct Config {
  Config() {
    HKEY Key;
    RegOpenKeyExW(HKEY_CURRENT_USER, L"x", 0, KEY_READ, &Key); // dll-warning{{'RegOpenKeyExW' is called while 'gConfig' is constructed at DLL load, under the loader lock; it may need that lock, or a thread that waits for it: deadlock or crash [shutdown.LoaderLockCallInDllMain]}}
  }
  ~Config() { MessageBoxW(nullptr, L"bye", L"x", MB_OK); } // dll-warning{{'MessageBoxW' is called while 'gConfig' is destroyed at DLL unload, under the loader lock}}
} gConfig;

static void netDown() { CoUninitialize(); } // dll-warning{{'CoUninitialize' is called in 'netDown', an atexit handler the DLL runs at unload, under the loader lock}}

__attribute__((constructor)) static void up() { WinExec("x", SW_SHOW); } // dll-warning{{'WinExec' is called in constructor function 'up', run at DLL load, under the loader lock}}

static void NTAPI onThread(PVOID, DWORD, PVOID) {
  PostMessageW(HWND_BROADCAST, WM_NULL, 0, 0); // expected-warning{{'PostMessageW' is called inside TLS callback 'onThread', under the loader lock}}
}
extern "C" __attribute__((section(".CRT$XLB"))) PIMAGE_TLS_CALLBACK gTls = onThread;

static DWORD WINAPI Loader(LPVOID) {
  LoadLibraryW(L"late.dll"); // Runs outside the lock: clean.
  return 0;
}

extern "C" __declspec(dllexport) void Init() { LoadLibraryW(L"x.dll"); }

static void load(DWORD Reason) {
  if (Reason == DLL_PROCESS_ATTACH)
    LoadLibraryA("dep.dll"); // dll-warning{{'LoadLibraryA' is called inside 'DllMain' (DLL_PROCESS_ATTACH), under the loader lock}}
}

#ifdef DEFINE_DLLMAIN
BOOL WINAPI DllMain(HINSTANCE, DWORD Reason, LPVOID) {
  if (Reason == DLL_PROCESS_ATTACH) {
    atexit(netDown);
    CreateThread(nullptr, 0, &Loader, nullptr, 0, nullptr);
  }
  load(Reason);
  return TRUE;
}
#endif
