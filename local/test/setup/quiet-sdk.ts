// The AWS SDK warns once per process that it will soon need Node 22; on this Node 20 machine that is
// known (see README) and says nothing about the code under test.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
