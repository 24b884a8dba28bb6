// TorchSharp leaves intermediate tensors (the a.f() in a.f().g()) and number arguments to the finalizer, and reads only their
// native handle during the call, so a collection made by another thread can free one while libtorch still uses it. Tests
// build such chains freely and the library's modules create their parameters outside dispose scopes; so the test classes of
// an assembly that uses TorchSharp run one at a time. (Library code keeps its own chains inside dispose scopes, and its
// Scalars are held: FinalizerOnlyScalars.)
[assembly: CollectionBehavior(DisableTestParallelization = true)]
