/** @type {import('next').NextConfig} */
const nextConfig = {
  // Static files only: edge-api serves frontend/out/ at "/" on the API's origin.
  output: 'export',
  // Static hosting has no image optimizer.
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
