// shutdown-loader-lock-call-in-dllmain: each root that runs under the loader
// lock in a DLL (DllMain, a static object's construction and destruction,
// an atexit handler, constructor and destructor functions, a TLS callback),
// and each family of forbidden calls. Not findings: the same calls in a
// thread routine that DllMain only starts, in an exported function the host
// calls, in a method that merely shares an API's name.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-loader-lock-call-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-loader-lock-call-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <objbase.h>
#include <shellapi.h>
#include <winsock2.h>
#include <cstdlib>

// Registry, from a static object's constructor.
struct Config {
  Config() {
    HKEY Key;
    // CHECK: :[[@LINE+3]]:5: warning: 'RegOpenKeyExW' is called while 'gConfig' is constructed at DLL load, under the loader lock; it may need that lock, or a thread that waits for it: deadlock or crash [shutdown-loader-lock-call-in-dllmain]
    // CHECK: :[[@LINE+8]]:3: note: 'gConfig' has static storage: it is constructed when the DLL is loaded, inside DllMain(DLL_PROCESS_ATTACH) under the loader lock
    // CHECK: :[[@LINE+7]]:3: note: 'gConfig' is initialized here by calling 'Config::Config'
    RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\x", 0, KEY_READ, &Key);
  }
  // user32, from its destructor.
  // CHECK: :[[@LINE+2]]:15: warning: 'MessageBoxW' is called while 'gConfig' is destroyed at DLL unload, under the loader lock; {{.*}} [shutdown-loader-lock-call-in-dllmain]
  // CHECK: :[[@LINE+2]]:3: note: 'gConfig' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
  ~Config() { MessageBoxW(nullptr, L"bye", L"x", MB_OK); }
} gConfig;

// Process creation, from a global's dynamic initializer.
static int runSetup() { return std::system("setup.exe"); }
// CHECK: :[[@LINE-1]]:32: warning: 'system' is called while 'gSetup' is constructed at DLL load, {{.*}} [shutdown-loader-lock-call-in-dllmain]
// CHECK: :[[@LINE+2]]:12: note: 'gSetup' has static storage: it is constructed when the DLL is loaded, inside DllMain(DLL_PROCESS_ATTACH) under the loader lock
// CHECK: :[[@LINE+1]]:21: note: 'gSetup' is initialized here by calling 'runSetup'
static int gSetup = runSetup();

// Winsock, from an atexit handler.
// CHECK: :[[@LINE+1]]:25: warning: 'WSACleanup' is called in 'netDown', an atexit handler the DLL runs at unload, under the loader lock; {{.*}} [shutdown-loader-lock-call-in-dllmain]
static void netDown() { WSACleanup(); }

// COM, from a constructor function; a library, from a destructor function.
// CHECK: :[[@LINE+2]]:52: warning: 'CoInitializeEx' is called in constructor function 'comUp', run at DLL load, under the loader lock; {{.*}} [shutdown-loader-lock-call-in-dllmain]
// CHECK: :[[@LINE+1]]:42: note: 'comUp' is a constructor function: it runs when its library is loaded, under the loader lock
__attribute__((constructor)) static void comUp() { CoInitializeEx(nullptr, 0); }
// CHECK: :[[@LINE+1]]:58: warning: 'FreeLibrary' is called in destructor function 'unloadHelper', run at DLL unload, {{.*}} [shutdown-loader-lock-call-in-dllmain]
__attribute__((destructor)) static void unloadHelper() { FreeLibrary(GetModuleHandleW(L"helper.dll")); }

// A TLS callback: under the loader lock at every thread start and end.
// CHECK: :[[@LINE+2]]:3: warning: 'SendMessageW' is called inside TLS callback 'onThread', {{.*}} [shutdown-loader-lock-call-in-dllmain]
static void NTAPI onThread(PVOID, DWORD, PVOID) {
  SendMessageW(HWND_BROADCAST, WM_NULL, 0, 0);
}
// CHECK: :[[@LINE+1]]:69: note: 'onThread' is a TLS callback: the loader calls it holding the loader lock
extern "C" __attribute__((section(".CRT$XLB"))) PIMAGE_TLS_CALLBACK gTls = onThread;

// DllMain, directly and through a helper (ShellExecute, ExitThread).
static void startShell() {
  // CHECK: :[[@LINE+3]]:3: warning: 'ShellExecuteW' is called inside 'DllMain' (DLL_PROCESS_ATTACH), under the loader lock; {{.*}} [shutdown-loader-lock-call-in-dllmain]
  // CHECK: :[[@LINE+20]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
  // CHECK: :[[@LINE+27]]:5: note: 'DllMain' calls 'startShell' here (DLL_PROCESS_ATTACH)
  ShellExecuteW(nullptr, L"open", L"x", nullptr, nullptr, SW_SHOW);
}

// Not under the lock: a thread routine DllMain only starts, an export.
static DWORD WINAPI Loader(LPVOID) {
  LoadLibraryW(L"late.dll");
  return 0;
}
extern "C" __declspec(dllexport) void Init() {
  CoCreateInstance(CLSID_NULL, nullptr, CLSCTX_ALL, IID_IUnknown, nullptr);
  LoadLibraryExW(L"plugin.dll", nullptr, 0);
}

// A method that shares an API's name is not the API.
struct Queue {
  void PostMessage(int) {}
};

BOOL WINAPI DllMain(HINSTANCE, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_ATTACH) {
    atexit(netDown);
    Queue().PostMessage(1);
    CreateThread(nullptr, 0, &Loader, nullptr, 0, nullptr);
    // CHECK: :[[@LINE+1]]:5: warning: 'LoadLibraryA' is called inside 'DllMain' (DLL_PROCESS_ATTACH), {{.*}} [shutdown-loader-lock-call-in-dllmain]
    LoadLibraryA("dep.dll");
    // CHECK: :[[@LINE-7]]:13: note: 'DllMain' is a DLL entry point: the loader calls it holding the loader lock
    startShell();
  }
  if (fdwReason == DLL_THREAD_DETACH)
    // CHECK: :[[@LINE+1]]:5: warning: 'ExitThread' is called inside 'DllMain' (DLL_THREAD_DETACH), {{.*}} [shutdown-loader-lock-call-in-dllmain]
    ExitThread(0);
  return TRUE;
}
