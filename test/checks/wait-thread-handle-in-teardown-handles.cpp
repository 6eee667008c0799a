// shutdown-wait-thread-handle-in-teardown: where thread handles come from
// (CreateThread, _beginthreadex, _beginthread, OpenThread, DuplicateHandle,
// a factory function's return value) and where they are kept (local,
// member, global, array element, a copy), assigned in one function and
// waited on in another. The note names the creator of the waited handle.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <process.h>
#include <stdlib.h>
#include <windows.h>

static DWORD WINAPI ThreadProc(LPVOID) { return 0; }
static unsigned __stdcall CrtProc(void *) { return 0; }
static void __cdecl LegacyProc(void *) {}

// ---- _beginthreadex into a member, assigned by Start(). -------------------

class Uploader {
public:
  void Start() {
    m_hThread = reinterpret_cast<HANDLE>(_beginthreadex(nullptr, 0, &Uploader::Run, this, 0, nullptr));
  }
  ~Uploader() {
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hThread' during static teardown; exit hangs if the thread does not finish, and the thread may still use objects already destroyed [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+9]]:10: note: 'gUploader' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-5]]:42: note: the waited thread is started here by '_beginthreadex', running 'Uploader::Run'
    WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  static unsigned __stdcall Run(void *) { return 0; }
  HANDLE m_hThread = nullptr;
};
Uploader gUploader;

// ---- _beginthread into a global with a C-style cast. ----------------------

HANDLE gLegacy;
static void stopLegacy() {
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObject' waits on thread handle 'gLegacy' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+99]]:3: note: 'stopLegacy' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+96]]:21: note: the waited thread is started here by '_beginthread', running 'LegacyProc'
  WaitForSingleObject(gLegacy, INFINITE);
}

// ---- OpenThread: a handle to a thread started elsewhere. ------------------

HANDLE gOpened;
static void stopOpened() {
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObject' waits on thread handle 'gOpened' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+90]]:3: note: 'stopOpened' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE+87]]:13: note: the waited thread comes from 'OpenThread' here
  WaitForSingleObject(gOpened, INFINITE);
}

// ---- A local handle: created and waited on by the same handler. -----------

static void drainAtExit() {
  HANDLE Drain = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
  // CHECK: :[[@LINE+3]]:3: warning: 'WaitForSingleObject' waits on thread handle 'Drain' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
  // CHECK: :[[@LINE+81]]:3: note: 'drainAtExit' is registered with 'atexit' here: it runs at exit
  // CHECK: :[[@LINE-3]]:18: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
  WaitForSingleObject(Drain, INFINITE);
  CloseHandle(Drain);
}

// ---- A copy of a member handle, and an array element. ---------------------

class Crawler {
public:
  Crawler() {
    m_hMain = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
    for (int I = 0; I < 2; ++I)
      m_hFetch[I] = reinterpret_cast<HANDLE>(_beginthreadex(nullptr, 0, CrtProc, nullptr, 0, nullptr));
  }
  ~Crawler() {
    HANDLE Main = m_hMain;
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'Main' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+11]]:9: note: 'gCrawler' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-8]]:15: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
    WaitForSingleObject(Main, INFINITE);
    for (int I = 0; I < 2; ++I)
      // CHECK: :[[@LINE+1]]:7: warning: 'WaitForSingleObject' waits on thread handle 'm_hFetch[I]' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
      WaitForSingleObject(m_hFetch[I], INFINITE);
  }

private:
  HANDLE m_hMain, m_hFetch[2];
};
Crawler gCrawler;

// ---- DuplicateHandle of a thread handle; a factory's return value. --------

static HANDLE spawn() {
  return CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
}
class Monitor {
public:
  void Start() {
    HANDLE Raw = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
    DuplicateHandle(GetCurrentProcess(), Raw, GetCurrentProcess(), &m_hDup, 0, FALSE, DUPLICATE_SAME_ACCESS);
    CloseHandle(Raw);
    m_hSpawned = spawn();
  }
  ~Monitor() {
    // CHECK: :[[@LINE+1]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hDup' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    WaitForSingleObject(m_hDup, INFINITE);
    // CHECK: :[[@LINE+3]]:5: warning: 'WaitForSingleObject' waits on thread handle 'm_hSpawned' during static teardown; exit hangs{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE+8]]:9: note: 'gMonitor' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE-15]]:10: note: the waited thread is started here by 'CreateThread', running 'ThreadProc'
    WaitForSingleObject(m_hSpawned, INFINITE);
  }

private:
  HANDLE m_hDup = nullptr, m_hSpawned = nullptr;
};
Monitor gMonitor;

// ---- Negatives: thread handles waited on in ordinary code only. -----------

class Job {
public:
  void Run() {
    m_hThread = CreateThread(nullptr, 0, ThreadProc, nullptr, 0, nullptr);
    WaitForSingleObject(m_hThread, INFINITE);
  }
  ~Job() { CloseHandle(m_hThread); }

private:
  HANDLE m_hThread = nullptr;
};
Job gJob;

int main(int Argc, char **) {
  gUploader.Start();
  gMonitor.Start();
  gJob.Run();
  gLegacy = (HANDLE)_beginthread(LegacyProc, 0, nullptr);
  gOpened = OpenThread(SYNCHRONIZE, FALSE, static_cast<DWORD>(Argc));
  atexit(stopLegacy);
  atexit(stopOpened);
  atexit(drainAtExit);
  HANDLE Local = spawn();
  WaitForSingleObject(Local, INFINITE);
}
