# disparity_group: Exposure of each group relative to the city as a whole
# Re-run in this folder with: gnuplot chart-disparity_group.gp
set terminal svg size 900,566 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-disparity_group.svg'
set title "Exposure of each group relative to the city as a whole\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel "disparity ratio (1 = the city's rate)"
set xtics 1 format '' scale 0.5
set xrange [-0.6:4.6]
set bmargin 5
set lmargin 10
set rmargin 3
set yrange [0:*]
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#555555'
plot 'chart-disparity_group.dat' using 7:($5 + $6 > 0 ? NaN : $2):3:4 with yerrorbars pt 7 ps 0.9 lc rgb '#0072B2', \
     '' using 7:(0):1 with labels rotate by 40 right offset 0,-0.7 notitle
set terminal pngcairo size 900,566 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-disparity_group.png'
replot
set output
