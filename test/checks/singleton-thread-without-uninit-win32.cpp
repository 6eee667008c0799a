// shutdown-singleton-thread-without-uninit: Win32 thread handles
// (_beginthreadex, CreateThread, an array of handles) in singletons of a DLL.
// The translation unit defines DllMain, so static destruction runs under the
// loader lock and the message says so.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <process.h>

//===--- Positives ---------------------------------------------------------===//

// The case study: a function-local static; its destructor signals the stop
// event and waits on the thread handle.
// CHECK: :[[@LINE+4]]:7: warning: 'PolicyWorker' has a static-storage instance and its thread 'PolicyWorker::m_hThread' stops only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+6]]:25: note: 'PolicyWorker::Instance::Worker' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK: :[[@LINE+13]]:9: note: thread 'PolicyWorker::m_hThread' is started here by '_beginthreadex', running 'PolicyWorker::ThreadProc'
// CHECK: :[[@LINE+17]]:5: note: it is joined only here, in 'PolicyWorker::~PolicyWorker', which runs during teardown
class PolicyWorker {
public:
  static PolicyWorker &Instance() {
    static PolicyWorker Worker;
    return Worker;
  }
  bool Start() {
    if (m_hThread)
      return true;
    m_hStopEvent = CreateEventW(nullptr, FALSE, FALSE, nullptr);
    m_hThread = reinterpret_cast<HANDLE>(
        _beginthreadex(nullptr, 0, &PolicyWorker::ThreadProc, this, 0, nullptr));
    return m_hThread != nullptr;
  }
  ~PolicyWorker() {
    SetEvent(m_hStopEvent);
    WaitForSingleObject(m_hThread, INFINITE);
    CloseHandle(m_hThread);
    CloseHandle(m_hStopEvent);
  }

private:
  PolicyWorker() = default;
  static unsigned __stdcall ThreadProc(void *Self) {
    static_cast<PolicyWorker *>(Self)->Run();
    return 0;
  }
  void Run() {
    while (WaitForSingleObject(m_hStopEvent, 100) == WAIT_TIMEOUT) {
    }
  }
  HANDLE m_hThread = nullptr;
  HANDLE m_hStopEvent = nullptr;
};

// A namespace-scope instance; CreateThread, and a private helper that waits
// with WaitForSingleObjectEx.
// CHECK: :[[@LINE+4]]:7: warning: 'Beacon' has a static-storage instance and its thread 'Beacon::m_thread' stops only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+18]]:8: note: 'g_beacon' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK: :[[@LINE+5]]:16: note: thread 'Beacon::m_thread' is started here by 'CreateThread', running 'Beacon::Proc'
// CHECK: :[[@LINE+11]]:5: note: it is joined only here, in 'Beacon::waitThread', which runs during teardown
class Beacon {
public:
  void Start() {
    m_thread = CreateThread(nullptr, 0, &Beacon::Proc, this, 0, nullptr);
  }
  ~Beacon() { waitThread(); }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  void waitThread() {
    WaitForSingleObjectEx(m_thread, INFINITE, FALSE);
    CloseHandle(m_thread);
  }
  HANDLE m_thread = nullptr;
};
Beacon g_beacon;

// An array of thread handles, waited for all at once.
// CHECK: :[[@LINE+4]]:7: warning: 'Crew' has a static-storage instance and its thread 'Crew::m_threads' stops only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// CHECK: :[[@LINE+18]]:12: note: 'Crew::s_crew' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK: :[[@LINE+7]]:22: note: thread 'Crew::m_threads' is started here by 'CreateThread', running 'Crew::Proc'
// CHECK: :[[@LINE+9]]:5: note: it is joined only here, in 'Crew::~Crew', which runs during teardown
class Crew {
public:
  static Crew s_crew;
  void Start() {
    for (int i = 0; i < 2; ++i)
      m_threads[i] = CreateThread(nullptr, 0, &Crew::Proc, this, 0, nullptr);
  }
  ~Crew() {
    WaitForMultipleObjects(2, m_threads, TRUE, INFINITE);
  }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  HANDLE m_threads[2] = {};
};
Crew Crew::s_crew;

//===--- Negatives ---------------------------------------------------------===//

// The fix of the case study: a public UnInit() that the plugin's Stop()
// calls; the destructor has nothing left to wait for.
class FixedWorker {
public:
  static FixedWorker &Instance() {
    static FixedWorker Worker;
    return Worker;
  }
  void Start() {
    m_hStop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    m_hThread = reinterpret_cast<HANDLE>(
        _beginthreadex(nullptr, 0, &FixedWorker::ThreadProc, this, 0, nullptr));
  }
  void UnInit() {
    if (!m_hThread)
      return;
    SetEvent(m_hStop);
    WaitForSingleObject(m_hThread, INFINITE);
    CloseHandle(m_hThread);
    m_hThread = nullptr;
  }
  ~FixedWorker() { UnInit(); }

private:
  FixedWorker() = default;
  static unsigned __stdcall ThreadProc(void *) { return 0; }
  HANDLE m_hThread = nullptr;
  HANDLE m_hStop = nullptr;
};

// A destructor that waits on an event, not on a thread: no thread owner.
class Notifier {
public:
  void Start() { m_hDone = CreateEventW(nullptr, TRUE, FALSE, nullptr); }
  ~Notifier() {
    WaitForSingleObject(m_hDone, INFINITE);
    CloseHandle(m_hDone);
  }

private:
  HANDLE m_hDone = nullptr;
};
Notifier g_notifier;

// A destructor that only polls the thread (timeout 0) never blocks.
class Poller {
public:
  void Start() { m_h = CreateThread(nullptr, 0, &Poller::Proc, this, 0, nullptr); }
  ~Poller() {
    if (WaitForSingleObject(m_h, 0) == WAIT_OBJECT_0)
      CloseHandle(m_h);
  }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  HANDLE m_h = nullptr;
};
Poller g_poller;

extern "C" __declspec(dllexport) void PluginStart() {
  PolicyWorker::Instance().Start();
  FixedWorker::Instance().Start();
}

extern "C" __declspec(dllexport) void PluginStop() {
  FixedWorker::Instance().UnInit();
}

BOOL WINAPI DllMain(HINSTANCE hinstDLL, DWORD fdwReason, LPVOID) {
  if (fdwReason == DLL_PROCESS_ATTACH)
    DisableThreadLibraryCalls(hinstDLL);
  return TRUE;
}
