// shutdown-loader-lock-call-in-dllmain in an executable: its static
// constructors and destructors, atexit handlers and destructor functions
// run outside the loader lock (before main, at exit). A TLS callback runs
// under it in an executable too. With AssumeDll the same unit is a DLL's.
//
// RUN: %shutdown_tidy %s --checks='-*,shutdown-loader-lock-call-in-dllmain' -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=EXE --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-loader-lock-call-in-dllmain' --config="{CheckOptions: {AssumeDll: true}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefix=DLL --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <cstdio>
#include <cstdlib>

struct Plugins {
  // DLL: :[[@LINE+1]]:15: warning: 'LoadLibraryW' is called while 'gPlugins' is constructed at DLL load, {{.*}}
  Plugins() { LoadLibraryW(L"a.dll"); }
  // DLL: :[[@LINE+1]]:16: warning: 'FreeLibrary' is called while 'gPlugins' is destroyed at DLL unload, {{.*}}
  ~Plugins() { FreeLibrary(GetModuleHandleW(L"a.dll")); }
};
Plugins gPlugins;

// DLL: :[[@LINE+1]]:25: warning: '_popen' is called in 'cleanup', an atexit handler the DLL runs at unload, {{.*}}
static void cleanup() { _popen("cleanup.exe", "r"); }

// EXE: :[[@LINE+3]]:3: warning: 'RegCloseKey' is called inside TLS callback 'onThread', under the loader lock; {{.*}}
// DLL: :[[@LINE+2]]:3: warning: 'RegCloseKey' is called inside TLS callback 'onThread', under the loader lock; {{.*}}
static void NTAPI onThread(PVOID, DWORD, PVOID) {
  RegCloseKey(HKEY_CURRENT_USER);
}
extern "C" __attribute__((section(".CRT$XLB"))) PIMAGE_TLS_CALLBACK gTls = onThread;

int main() {
  atexit(cleanup);
  return 0;
}
