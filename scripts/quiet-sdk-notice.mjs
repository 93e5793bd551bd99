// The AWS SDK announces that its releases from 2027 need Node 22 (Lambda runs nodejs22.x
// already). The notice says nothing about the run at hand; the SDK's own switch turns it off
// unless the user set it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
