// Tests may run on a Node.js older than Lambda's; the AWS SDK's upgrade notice would otherwise fill every run's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
