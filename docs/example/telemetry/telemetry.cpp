// A telemetry plugin DLL with the two hazards of the loader lock and of
// process exit. See README.md beside this file.
#include <windows.h>
#include <objbase.h>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

// The uploader sends queued events from a worker thread.
class Uploader {
public:
  Uploader() {
    // Runs when the DLL is loaded, inside DllMain(DLL_PROCESS_ATTACH).
    CoInitializeEx(nullptr, COINIT_MULTITHREADED);
    m_http = LoadLibraryW(L"winhttp.dll");
  }
  ~Uploader() {
    // Runs when the DLL is unloaded, and at process exit, where the worker
    // thread has already been terminated: nothing will ever notify.
    std::unique_lock<std::mutex> Lock(m_mutex);
    m_drained.wait(Lock, [this] { return m_queue.empty(); });
  }

  void start() {
    m_worker = std::thread([this] { run(); });
    m_worker.detach();
  }
  void post(std::string Event) {
    std::lock_guard<std::mutex> Lock(m_mutex);
    m_queue.push_back(std::move(Event));
  }

private:
  void run() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(m_mutex);
      if (!m_queue.empty())
        m_queue.pop_front();
      if (m_queue.empty())
        m_drained.notify_all();
    }
  }

  HMODULE m_http = nullptr;
  std::mutex m_mutex;
  std::condition_variable m_drained;
  std::deque<std::string> m_queue;
  std::thread m_worker;
};

static Uploader g_uploader;
static HANDLE g_flushed;

extern "C" __declspec(dllexport) void TelemetryStart() {
  g_flushed = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  g_uploader.start();
}

extern "C" __declspec(dllexport) void TelemetryPost(const char *Event) {
  g_uploader.post(Event);
}

BOOL WINAPI DllMain(HINSTANCE, DWORD Reason, LPVOID Reserved) {
  if (Reason == DLL_PROCESS_DETACH && Reserved != nullptr) {
    // Process exit: the thread that sets g_flushed is gone.
    WaitForSingleObject(g_flushed, INFINITE);
  }
  return TRUE;
}
