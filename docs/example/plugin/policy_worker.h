// A reconstruction of the case study: the policy plugin's worker singleton.
#pragma once
#include <windows.h>

class PolicyWorker {
public:
  static PolicyWorker &Instance();
  bool Start();
  void Post(int Item);

private:
  PolicyWorker() = default;
  ~PolicyWorker(); // The only place the worker thread is stopped.
  static unsigned __stdcall ThreadProc(void *Self);
  void Run();

  HANDLE m_hThread = nullptr;
  HANDLE m_hStopEvent = nullptr;
  volatile LONG m_Pending = 0;
};
