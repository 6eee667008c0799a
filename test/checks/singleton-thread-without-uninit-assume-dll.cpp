// shutdown-singleton-thread-without-uninit with CheckOptions AssumeDll: a
// translation unit of a DLL that does not define DllMain itself. With the
// option the static instance is destroyed under the loader lock and the
// message says so; without it, at exit.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=CHECK,EXE --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=CHECK,EXE --implicit-check-not="{{warning|error}}:"
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-singleton-thread-without-uninit' --config="{CheckOptions: {AssumeDll: true}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=CHECK,DLL --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-singleton-thread-without-uninit' --config="{CheckOptions: {AssumeDll: true}}" -- %mingw -std=c++17 2>&1 | FileCheck %s --check-prefixes=CHECK,DLL --implicit-check-not="{{warning|error}}:"

#include <windows.h>
#include <thread>

// EXE: :[[@LINE+8]]:7: warning: 'Agent' has a static-storage instance and its threads 'Agent::m_hThread', 'Agent::m_thread' stop only during static teardown; add an explicit stop (UnInit) that joins them and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// DLL: :[[@LINE+7]]:7: warning: 'Agent' has a static-storage instance and its threads 'Agent::m_hThread', 'Agent::m_thread' stop only during static teardown, under the loader lock; add an explicit stop (UnInit) that joins them and call it before exit or unload [shutdown-singleton-thread-without-uninit]
// EXE: :[[@LINE+9]]:18: note: 'Agent::Get::s_agent' has static storage: it is destroyed at exit
// DLL: :[[@LINE+8]]:18: note: 'Agent::Get::s_agent' has static storage: it is destroyed when the DLL is unloaded, inside DllMain(DLL_PROCESS_DETACH) under the loader lock
// CHECK: :[[@LINE+11]]:17: note: thread 'Agent::m_hThread' is started here by 'CreateThread', running 'Agent::Proc'
// CHECK: :[[@LINE+14]]:5: note: it is joined only here, in 'Agent::~Agent', which runs during teardown
// CHECK: :[[@LINE+10]]:16: note: thread 'Agent::m_thread' is started here by 'std::thread', running 'Agent::Loop'
// CHECK: :[[@LINE+13]]:5: note: it is joined only here, in 'Agent::~Agent', which runs during teardown
class Agent {
public:
  static Agent &Get() {
    static Agent s_agent;
    return s_agent;
  }
  void Start() {
    m_hThread = CreateThread(nullptr, 0, &Agent::Proc, this, 0, nullptr);
    m_thread = std::thread(&Agent::Loop, this);
  }
  ~Agent() {
    WaitForSingleObject(m_hThread, INFINITE);
    m_thread.join();
  }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  void Loop() {}
  HANDLE m_hThread = nullptr;
  std::thread m_thread;
};

// Stopped by a public Stop(): clean in a DLL too.
class Collector {
public:
  static Collector &Get() {
    static Collector s_collector;
    return s_collector;
  }
  void Start() { m_hThread = CreateThread(nullptr, 0, &Collector::Proc, this, 0, nullptr); }
  void Stop() {
    if (!m_hThread)
      return;
    WaitForSingleObject(m_hThread, INFINITE);
    CloseHandle(m_hThread);
    m_hThread = nullptr;
  }
  ~Collector() {
    if (m_hThread)
      WaitForSingleObject(m_hThread, INFINITE);
  }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  HANDLE m_hThread = nullptr;
};

// Leaked: never destroyed, in a DLL or not.
class Leaky {
public:
  static Leaky &Get() {
    static Leaky *s_leaky = new Leaky;
    return *s_leaky;
  }
  void Start() { m_hThread = CreateThread(nullptr, 0, &Leaky::Proc, this, 0, nullptr); }
  ~Leaky() { WaitForSingleObject(m_hThread, INFINITE); }

private:
  static DWORD WINAPI Proc(LPVOID) { return 0; }
  HANDLE m_hThread = nullptr;
};

extern "C" __declspec(dllexport) void PluginStart() {
  Agent::Get().Start();
  Collector::Get().Start();
  Leaky::Get().Start();
}
