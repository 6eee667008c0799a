//===- SingletonThreadWithoutUninit.h - The singleton rule ------*- C++ -*-===//
//
// shutdown-singleton-thread-without-uninit: a class with a static-storage
// instance whose threads only teardown stops (no explicit stop in ordinary
// code joins them). One finding per class, at its declaration, with every
// static instance and every such thread; an error if any instance is in a
// DLL.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_SINGLETONTHREADWITHOUTUNINIT_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_SINGLETONTHREADWITHOUTUNINIT_H

#include "checkers/model/rules/ThreadOwners.h"

namespace shutdown::rules {

std::vector<Finding> singletonFindings(const CallGraph &G,
                                       llvm::ArrayRef<OwnedClass> Owned);

} // namespace shutdown::rules

#endif
