// The 404 page (docs/overrides/404.html): names the address asked for and, when it names a paper the site has
// (papers/<paper>/ or trajectories/<planner>/<model>/<paper>/, under any planner or model), links that paper's
// page and the plans it has, as its page lists them. Every text read from the address is set as text.
(function () {
  "use strict";

  const asked = document.querySelector("[data-tv-asked]");
  const found = document.querySelector("[data-tv-paper-found]");
  if (!asked || !found) return;
  const root = new URL(".", document.baseURI);
  const address = new URL(location.href);
  asked.textContent = ", " + decodedPath(address.pathname);

  function decodedPath(path) {
    try {
      return decodeURIComponent(path);
    } catch (error) {
      return path;
    }
  }

  // The paper's folder name the address names, or null.
  function paperOf(path) {
    if (!path.startsWith(root.pathname)) return null;
    const parts = path.slice(root.pathname.length).split("/").filter(Boolean);
    if (parts[0] === "papers" && parts.length >= 2) return parts[1];
    if (parts[0] === "trajectories" && parts.length >= 4) return parts[3];
    return null;
  }

  function link(href, label) {
    const anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = label;
    return anchor;
  }

  async function showPaper(paper) {
    const page = new URL("papers/" + paper + "/", root);
    const response = await fetch(page.href);
    if (!response.ok) return;
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const title = html.querySelector("article h1");
    const labels = [...html.querySelectorAll(".tabbed-set .tabbed-labels label")].map((label) => label.textContent);
    const plans = [...html.querySelectorAll(".tabbed-set .tabbed-content > .tabbed-block .tv-byline a:first-child")];
    const text = document.createElement("p");
    text.append("The site has this paper: ", link(page.href, title ? title.textContent : paper), ".");
    if (plans.length > 0) {
      text.append(" Its plans: ");
      plans.forEach((plan, number) => {
        if (number > 0) text.append(", ");
        text.append(link(new URL(plan.getAttribute("href"), page).href, labels[number] || plan.textContent));
      });
      text.append(".");
    }
    found.append(text);
  }

  const paper = paperOf(address.pathname);
  if (paper) showPaper(paper).catch(() => {});
})();
